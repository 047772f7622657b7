using System.Diagnostics;
using System.Net.Http.Headers;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Issue "money and reporting": one agreement with 5 years of 2,000 actions each, lived from the sheet to the
// accepted report; measures the dashboard, the annual report page and its exports. Prints medians in milliseconds.
internal static class ReportingBench
{
    private const int Years = 5;
    private const int PerYear = 2_000;

    private const int ConcurrentRequests = 10;

    private static async Task MeasureConcurrentAsync(List<HttpClient> users, string url, string label)
    {
        foreach (var user in users)
        {
            for (var i = 0; i < 2; i++)
            {
                (await user.GetAsync(url)).EnsureSuccessStatusCode();
            }
        }

        var timings = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            for (var i = 0; i < ConcurrentRequests; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await user.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                response.EnsureSuccessStatusCode();
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        var sorted = timings.Order().ToList();
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{label,-64} {sorted[sorted.Count / 2],10:F1} {sorted[(int)(sorted.Count * 0.95)],8:F1} {sorted[^1],8:F1}"));
    }

    public static async Task RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("copil-bench-").FullName;
        var provider = args.Length > 0 ? "PostgreSQL" : "Sqlite";
        var connection = args.Length > 0 ? args[0] : $"Data Source={Path.Combine(folder, "bench.db")}";
        await using var app = new BenchFactory(provider, connection);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Copil reporting bench — {provider}, one agreement with {Years} years of {PerYear:N0} actions");

        var seedWatch = Stopwatch.StartNew();
        Guid target;
        string secret;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
            var secretariat = await db.Users.SingleAsync(u => u.Email == "secretariat@copil.test");
            var signed = new DateOnly(2020, 12, 1);
            var agreement = Agreement.Create(new AgreementDetails { Reference = "BENCH-BILANS", Title = "Convention de charge : cinq ans d'actions", SignedOn = signed, TermMonths = 72 },
                AgreementTerms.Seed, new DateOnly(2026, 3, 10)).Value;
            var men = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale", "MEN", "DGESCO", null).Value;
            var mesr = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'enseignement supérieur", "MESR", "DGESIP", null).Value;
            var opco = agreement.AddParty(PartyKind.Opco, "OPCO de charge", "OPCO", null, null).Value;
            agreement.AddSeat(opco.Id, "OPCO", null, 2, true);
            agreement.AddSeat(men.Id, "MEN", null, 1, false);
            agreement.AddSeat(mesr.Id, "MESR", null, 1, false);
            foreach (var (article, title) in DemoData.SeedAxes)
            {
                agreement.AddAxis(title, article);
            }

            for (var year = 2021; year < 2021 + Years; year++)
            {
                agreement.SetYearlyCeiling(year, 30_000_000_00, 0);
            }

            db.Agreements.Add(agreement);
            db.Memberships.Add(Membership.Create(agreement, secretariat.Id, AgreementRole.Secretariat, null, null, null, []).Value);
            await db.SaveChangesAsync();
            target = agreement.Id;
            db.ChangeTracker.Clear();

            var publics = new[] { TargetPublic.HighSchoolPupils, TargetPublic.Students, TargetPublic.Apprentices, TargetPublic.EducationalTeams, TargetPublic.MiddleSchoolPupils };
            var number = 0;
            for (var year = 2021; year < 2021 + Years; year++)
            {
                for (var batch = 0; batch < PerYear / 500; batch++)
                {
                    for (var i = 0; i < 500; i++)
                    {
                        var n = ++number;
                        var starts = new DateOnly(year, 3 + (n % 10), 1);
                        var amount = (5_000_00L + (n % 97) * 1_000_00L);
                        var targets = publics.Take(1 + (n % 3)).Select((p, k) => new PublicTarget(p, 50 + (n % 200) + (k * 30))).ToList();
                        var content = new ActionSheetContent
                        {
                            Title = $"Action {year} n° {n} : découverte des métiers",
                            AxisId = agreement.Axes[n % agreement.Axes.Count].Id,
                            Level = n % 9 == 0 ? ActionLevel.National : ActionLevel.Regional,
                            RegionCodes = n % 9 == 0 ? [] : [Copil.Domain.Reference.Territories.Regions[n % 18].Code],
                            ContactName = "Contact",
                            ContactEmail = "contact@exemple.fr",
                            Objectives = "Objectifs de l'action.",
                            Description = new string('d', 600),
                            Publics = targets,
                            FairReach = "Ciblage équitable.",
                            Inclusion = "Mixité et inclusion.",
                            StartsOn = starts,
                            EndsOn = starts.AddMonths(2),
                            Indicators = [new("Participants", "personnes", targets.Sum(t => t.ExpectedCount), "émargement"), new("Établissements", "établissements", 5 + (n % 10), "inscriptions")],
                            Annex = new([new(ExpenseCategory.ExternalServices, "Prestation", amount, true), new(ExpenseCategory.StaffCosts, "Coordination", amount / 10, false)],
                                [new(FinancerKind.OpcoMissionFees, "OPCO", amount + FinancialAnnex.FeesOn(amount, 500)), new(FinancerKind.OwnResources, "Porteur", amount / 10)], 500),
                        };
                        var drafted = starts.AddDays(-60);
                        var sheet = ActionSheet.Draft(agreement, n, $"Porteur {n % 60}", content, drafted).Value;
                        if (n % 20 != 0)
                        {
                            sheet.Submit(agreement, drafted);
                            sheet.GiveOpinion(agreement, men.Id, OpinionVerdict.Favorable, null, null, drafted.AddDays(5), "bench");
                            sheet.GiveOpinion(agreement, mesr.Id, OpinionVerdict.Favorable, null, null, drafted.AddDays(6), "bench");
                        }

                        if (n % 20 is not (0 or 1))
                        {
                            var decided = drafted.AddDays(20);
                            sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, decided, "Copil", DecisionSource.Recorded, decided, CeilingCheck.None);
                            sheet.RecordBoardDecision(BoardOutcome.Approved, decided.AddDays(7), "CA", decided.AddDays(7));
                            sheet.Start(starts, starts);
                            if (n % 10 < 8)
                            {
                                var report = sheet.StartReport().Value.Content;
                                sheet.EditReport(report with
                                {
                                    Indicators = [.. report.Indicators.Select(x => x with { Achieved = x.Target * (80 + (n % 40)) / 100 })],
                                    Beneficiaries = [.. targets.Select(t => new BeneficiaryCount(t.Public, t.ExpectedCount, t.ExpectedCount * (35 + (n % 30)) / 100, t.ExpectedCount * (65 - (n % 30)) / 100, n % 5))],
                                    Costs = [.. report.Costs.Select(c => c with { RealCents = c.PlannedCents * 95 / 100, Evidence = "Facture" })],
                                    Assessment = "Bilan qualitatif.",
                                });
                                sheet.SubmitReport(starts.AddMonths(3));
                                if (n % 10 < 6)
                                {
                                    sheet.AcceptReport(starts.AddMonths(4));
                                }
                            }
                        }

                        db.ActionSheets.Add(sheet);
                    }

                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            var reloaded = (await scope.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(target))!;
            var annual = AnnualReport.Open(reloaded, 2024, new DateOnly(2026, 3, 10)).Value;
            annual.EditText(reloaded, [.. AnnualReport.DefaultSections(reloaded).Select(s => s with { Text = "Synthèse de l'année.\n\n- point un\n- point deux" })]);
            db.AnnualReports.Add(annual);
            await db.SaveChangesAsync();
            (_, secret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(secretariat.Id, "bench", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30));
        }

        Console.WriteLine($"seeded {Years * PerYear:N0} actions in {seedWatch.Elapsed.TotalSeconds:F1} s");
        using var pages = await Bench.SignInAsync(baseUrl);
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        Console.WriteLine($"{"route",-64} {"median ms",10} {"p95 ms",8} {"KB",8}");
        await Bench.MeasureAsync(pages, $"/conventions/{target}/tableau-de-bord?annee=2024", "GET dashboard page, 2024 (2,000 actions)", 50);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/tableau-de-bord?annee=2024&region=28", "GET dashboard page, 2024, one region", 50);
        await Bench.MeasureAsync(api, $"/api/v1/agreements/{target}/dashboard/2024", "GET /api/v1/…/dashboard/2024", 50);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/tableau-de-bord?annee=2024&handler=Export&table=publics&format=xlsx", "GET dashboard table export (XLSX)", 50);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/bilans/2024", "GET annual report page 2024", 20);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/bilans/2024?handler=Document&format=pdf", "GET annual report 2024 as PDF", 10);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/bilans/2024?handler=Document&format=docx", "GET annual report 2024 as DOCX", 10);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/bilans/2024?handler=Annex", "GET annual report 2024 annex (XLSX)", 10);
        await Bench.MeasureAsync(pages, $"/conventions/{target}/programmes/2025", "GET annual plan page 2025", 20);
        await Bench.MeasureAsync(api, $"/api/v1/agreements/{target}/open-data.csv", "GET open data CSV (10,000 actions)", 5);

        // The issue's targets hold "under 8 concurrent users": eight clients, each signed in, asking one after another.
        Console.WriteLine();
        Console.WriteLine($"8 concurrent users, each {ConcurrentRequests} requests after 2 warm-up ones");
        Console.WriteLine($"{"route",-64} {"median ms",10} {"p95 ms",8} {"max ms",8}");
        var users = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            users.Add(await Bench.SignInAsync(baseUrl));
        }

        var dashboard = $"/conventions/{target}/tableau-de-bord?annee=2024";
        await MeasureConcurrentAsync(users, dashboard, "dashboard page 2024, figures unchanged (computed once)");
        // A year being edited: its stamp renewed every 100 ms, as a save of one of its actions would, so that most
        // requests compute the dashboard from the year's 2,000 actions again.
        using (var renewing = new CancellationTokenSource())
        {
            var writer = Task.Run(async () =>
            {
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
                while (!renewing.IsCancellationRequested)
                {
                    var stamp = Random.Shared.NextInt64(1, long.MaxValue);
                    await db.Set<Copil.Web.Features.Reporting.ReportingYear>().Where(r => r.AgreementId == target && r.Year == 2024)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.Stamp, stamp));
                    await Task.Delay(100);
                }
            });
            await MeasureConcurrentAsync(users, dashboard, "dashboard page 2024, year changed every 100 ms");
            await renewing.CancelAsync();
            await writer;
        }

        await MeasureConcurrentAsync(users, $"/conventions/{target}/bilans/2024?handler=Document&format=pdf", "annual report 2024 as PDF");
        await MeasureConcurrentAsync(users, $"/conventions/{target}/bilans/2024?handler=Document&format=docx", "annual report 2024 as DOCX");
        await MeasureConcurrentAsync(users, $"/conventions/{target}/bilans/2024?handler=Annex", "annual report 2024 annex (XLSX)");
        foreach (var user in users)
        {
            user.Dispose();
        }

        try
        {
            Directory.Delete(folder, true);
        }
        catch (IOException)
        {
        }
    }
}
