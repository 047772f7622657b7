using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Seeds years of data on SQLite (or PostgreSQL: pass a connection string), then measures the main pages and API
// reads through Kestrel on a real port. Prints medians and 95th percentiles in milliseconds.
internal static class Bench
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == "reporting")
        {
            await ReportingBench.RunAsync(args[1..]);
            return;
        }

        const int SheetCount = 10_000;
        var agreementsCount = 300;
        var auditRows = 200_000;
        var requests = 200;
        var folder = Directory.CreateTempSubdirectory("copil-bench-").FullName;
        var provider = args.Length > 0 ? "PostgreSQL" : "Sqlite";
        var connection = args.Length > 0 ? args[0] : $"Data Source={Path.Combine(folder, "bench.db")}";

        await using var app = new BenchFactory(provider, connection);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Copil bench — {provider}, {agreementsCount} agreements, {auditRows:N0} audit rows and {SheetCount:N0} action sheets on one agreement, {requests} requests per route");

        var seedWatch = Stopwatch.StartNew();
        Guid target;
        Guid meetingId;
        string secret;
        string reviewerSecret;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
            var secretariat = await db.Users.SingleAsync(u => u.Email == "secretariat@copil.test");
            var today = new DateOnly(2026, 3, 10);
            for (var batch = 0; batch < agreementsCount / 50; batch++)
            {
                for (var i = 0; i < 50; i++)
                {
                    var n = (batch * 50) + i;
                    var a = Agreement.Create(new AgreementDetails { Reference = $"BENCH-{n:D4}", Title = $"Convention de charge n° {n}", SignedOn = new DateOnly(2018 + (n % 8), 1 + (n % 12), 1 + (n % 28)) }, AgreementTerms.Seed, today).Value;
                    var men = a.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale", "MEN", "DGESCO", null).Value;
                    var opco = a.AddParty(PartyKind.Opco, $"OPCO {n}", $"OPCO{n}", null, null).Value;
                    a.AddSeat(opco.Id, "OPCO 1", null, 1, true);
                    a.AddSeat(opco.Id, "OPCO 2", null, 1, false);
                    a.AddSeat(men.Id, "MEN", null, 1, false);
                    foreach (var (article, title) in DemoData.SeedAxes)
                    {
                        a.AddAxis(title, article);
                    }

                    db.Agreements.Add(a);
                    db.Memberships.Add(Membership.Create(a, secretariat.Id, AgreementRole.Secretariat, null, null, null, []).Value);
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            target = await db.Agreements.Where(a => a.Reference == DemoData.DemoReference).Select(a => a.Id).SingleAsync();
            for (var batch = 0; batch < auditRows / 10_000; batch++)
            {
                db.AuditEntries.AddRange(Enumerable.Range(0, 10_000).Select(i => new AuditEntry
                {
                    AgreementId = target,
                    AtUtc = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 10_000) + i),
                    UserName = "secretariat@copil.test",
                    Action = "Modified",
                    EntityType = "Agreement",
                    EntityId = target.ToString(),
                    Before = "{\"Title\":\"Ancien intitulé\"}",
                    After = "{\"Title\":\"Nouvel intitulé\"}",
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            // 10,000 action sheets in the demo agreement (after its two demo sheets), a third submitted with one opinion given, a few drafts.
            var demo = await scope.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementCommands>().LoadAsync(target);
            var axis = demo!.Axes[0].Id;
            var ministry = demo.Parties.First(p => p.IsState).Id;
            for (var batch = 0; batch < SheetCount / 500; batch++)
            {
                for (var i = 0; i < 500; i++)
                {
                    var n = (batch * 500) + i + 1;
                    var content = new ActionSheetContent
                    {
                        Title = $"Action de promotion n° {n}",
                        AxisId = axis,
                        Level = ActionLevel.Regional,
                        RegionCodes = [Copil.Domain.Reference.Territories.Regions[n % 18].Code],
                        ContactName = "Contact",
                        ContactEmail = "contact@exemple.fr",
                        Objectives = "Objectifs de l'action.",
                        Description = new string('d', 800),
                        Publics = [new(TargetPublic.HighSchoolPupils, 100 + n % 50)],
                        FairReach = "Ciblage équitable.",
                        Inclusion = "Mixité et inclusion.",
                        StartsOn = new DateOnly(2025 + (n % 2), 1 + (n % 12), 1),
                        EndsOn = new DateOnly(2025 + (n % 2), 1 + (n % 12), 28),
                        Indicators = [new("Participants", "personnes", 100, "feuilles d'émargement")],
                        Annex = new([new(ExpenseCategory.ExternalServices, "Prestation", 10_000_00 + n, true)], [new(FinancerKind.OpcoMissionFees, "OPCO", 10_000_00 + n)], 0),
                    };
                    var sheet = ActionSheet.Draft(demo, n + 2, n % 7 == 0 ? "Campus des métiers et des qualifications (démonstration)" : $"Porteur {n % 40}", content, today).Value;
                    if (n % 10 != 0)
                    {
                        sheet.Submit(demo, today);
                        if (n % 3 == 0)
                        {
                            sheet.GiveOpinion(demo, ministry, OpinionVerdict.Favorable, null, null, today, "bench");
                        }
                    }

                    db.ActionSheets.Add(sheet);
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            // Committee: 200 held meetings (3 points, one vote each) and 5 convened ones ahead; 50,000 notifications for the
            // secretariat (one in five unread) and 20,000 e-mails in the outbox (2.5 % refused).
            var seats = demo.Seats.Select(x => new Copil.Domain.Committee.SeatPresence(x.Id, Copil.Domain.Committee.Presence.Present)).ToList();
            for (var n = 0; n < 205; n++)
            {
                var held = n < 200;
                var meetsOn = held ? new DateOnly(2025, 2, 1).AddDays(n * 3) : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30 + n);
                var meeting = Copil.Domain.Committee.Meeting.Plan(demo, new Copil.Domain.Committee.MeetingDetails
                {
                    Kind = (Copil.Domain.Committee.MeetingKind)(n % 3),
                    Year = meetsOn.Year,
                    MeetsOn = meetsOn,
                    Place = "Paris",
                    Reason = "Charge",
                }, meetsOn.AddDays(-20)).Value;
                var point = meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.Priorities, "Priorités", null, true).Value;
                meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.Other, "Point d'information", null, false);
                meeting.AddItem(Copil.Domain.Committee.AgendaItemKind.AnnualReport, "Bilan", null, true);
                meeting.Convene(meetsOn.AddDays(-20));
                if (held)
                {
                    meeting.RecordAttendance(demo, seats, [], meetsOn);
                    meeting.RecordVote(demo, point.Id, [.. seats.Select(x => (x.SeatId, Copil.Domain.Voting.VoteChoice.For))], "bench", meetsOn);
                    meeting.Close(meetsOn);
                }

                db.Meetings.Add(meeting);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            for (var batch = 0; batch < 10; batch++)
            {
                db.AddRange(Enumerable.Range(0, 5_000).Select(i => new Copil.Web.Features.Notifications.Notification
                {
                    Id = Guid.CreateVersion7(),
                    Key = $"bench:{batch}:{i}",
                    UserId = secretariat.Id,
                    AgreementId = target,
                    Title = $"Avis favorable de MEN sur la fiche n° {i}",
                    Body = "MEN a rendu un avis favorable sur la version 1 de la fiche.",
                    Link = $"/conventions/{target}/echeancier",
                    CreatedAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 5_000) + i),
                    ReadAtUtc = i % 5 == 0 ? null : new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                }));
                db.AddRange(Enumerable.Range(0, 2_000).Select(i => new Copil.Web.Features.Notifications.OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    IdempotencyKey = $"bench:{batch}:{i}",
                    AgreementId = target,
                    ToAddress = $"personne{i % 300}@exemple.fr",
                    ToName = $"Personne {i % 300}",
                    Subject = $"[DEMO-OPCO-2025] Avis favorable de MEN sur la fiche n° {i}",
                    TextBody = new string('x', 600),
                    CreatedAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 2_000) + i),
                    NextAttemptAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    Status = i % 40 == 0 ? Copil.Web.Features.Notifications.OutboxStatus.Refused : Copil.Web.Features.Notifications.OutboxStatus.Sent,
                    LastError = i % 40 == 0 ? "5.1.1 Recipient address rejected" : null,
                    Attempts = 1,
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            meetingId = await db.Meetings.Where(m => m.AgreementId == target).OrderByDescending(m => m.MeetsOn).Select(m => m.Id).FirstAsync();
            (_, secret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(secretariat.Id, "bench");
            var reviewer = await db.Users.SingleAsync(u => u.Email == "relecture.dgesco@copil.test");
            (_, reviewerSecret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(reviewer.Id, "bench");
        }

        Console.WriteLine($"seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");

        using var pages = await SignInAsync(baseUrl);
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        Console.WriteLine($"{"route",-64} {"median ms",10} {"p95 ms",8} {"KB",8}");
        await Measure(pages, "/", $"GET / (list of {agreementsCount + 2} agreements)");
        await Measure(pages, $"/conventions/{target}", "GET /conventions/{id}");
        await Measure(pages, $"/conventions/{target}/journal", $"GET /conventions/{{id}}/journal ({auditRows:N0} rows)");
        await Measure(pages, $"/conventions/{target}/journal?before={auditRows / 2}", "GET /conventions/{id}/journal, a page deep in");
        await Measure(api, $"/api/v1/agreements/{target}", "GET /api/v1/agreements/{id}");
        await Measure(api, "/api/v1/agreements", "GET /api/v1/agreements");
        await Measure(api, $"/api/v1/agreements/{target}/audit", "GET /api/v1/agreements/{id}/audit");
        await Measure(pages, $"/conventions/{target}/fiches", $"GET /conventions/{{id}}/fiches ({SheetCount:N0} sheets)");
        await Measure(pages, $"/conventions/{target}/fiches?tri=amount&page=100", "GET /conventions/{id}/fiches, by amount, page 100");
        await Measure(pages, $"/conventions/{target}/fiches?region=28&annee=2026", "GET /conventions/{id}/fiches, region + year");
        await Measure(api, $"/api/v1/agreements/{target}/action-sheets", "GET /api/v1/agreements/{id}/action-sheets");
        await Measure(api, $"/api/v1/agreements/{target}/action-sheets?status=Submitted&page=20", "GET /api/v1/…/action-sheets?status=Submitted&page=20");
        using var reviewerApi = new HttpClient { BaseAddress = new Uri(baseUrl) };
        reviewerApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reviewerSecret);
        await Measure(reviewerApi, $"/api/v1/agreements/{target}/action-sheets?awaitingMyOpinion=true", "GET /api/v1/…/action-sheets?awaitingMyOpinion (DGESCO)");
        await Measure(pages, "/notifications", "GET /notifications (50,000, 10,000 unread)");
        await Measure(pages, "/notifications?page=500", "GET /notifications, page 500");
        await Measure(api, "/api/v1/notifications?unread=true", "GET /api/v1/notifications?unread=true");
        await Measure(pages, $"/conventions/{target}/envois?etat=envoyes", "GET /conventions/{id}/envois, sent (20,000)");
        await Measure(pages, $"/conventions/{target}/envois?etat=envoyes&page=300", "same, page 300");
        await Measure(pages, $"/conventions/{target}/comite", "GET /conventions/{id}/comite (205 meetings)");
        await Measure(pages, $"/conventions/{target}/comite/{meetingId}", "GET /conventions/{id}/comite/{meeting}");
        await Measure(pages, $"/conventions/{target}/echeancier", "GET /conventions/{id}/echeancier");

        try
        {
            Directory.Delete(folder, true);
        }
        catch (IOException)
        {
        }

        Task Measure(HttpClient client, string url, string label) => MeasureAsync(client, url, label, requests);
    }

    /// <summary>A cookie client signed in as the demo secretariat.</summary>
    public static async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var pages = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var login = await pages.GetStringAsync("/connexion");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await pages.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "secretariat@copil.test",
            ["Input.Password"] = DemoData.Password,
            ["__RequestVerificationToken"] = token,
        }));
        return (int)signIn.StatusCode == 302 ? pages : throw new InvalidOperationException("sign-in failed");
    }

    /// <summary>Two warm-up requests, then <paramref name="requests"/> timed ones; prints median, 95th percentile and size.</summary>
    public static async Task MeasureAsync(HttpClient client, string url, string label, int requests)
    {
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }

        var timings = new List<double>();
        var size = 0;
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url);
            size = (await response.Content.ReadAsByteArrayAsync()).Length;
            watch.Stop();
            response.EnsureSuccessStatusCode();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-64} {timings[timings.Count / 2],10:F1} {timings[(int)(timings.Count * 0.95)],8:F1} {size / 1024,8}"));
    }
}

internal sealed class BenchFactory(string provider, string connection) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not "Production": that one demands HTTPS (secure cookies), which the bench does not set up.
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Copil", connection);
        builder.UseSetting("Demo:Seed", "true");
        // No background sender or reminders during the measures.
        builder.UseSetting("Mail:SenderEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
