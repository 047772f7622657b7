using System.Net;
using System.Text.RegularExpressions;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Voting;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Features.Committee;
using Copil.Web.Identity;
using Copil.Web.Tests.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Copil.Web.Tests.Committee;

/// <summary>A written consultation end to end through the real SMTP server: personal links by e-mail, one use each, tallied at closing, result to all.</summary>
public abstract partial class ConsultationTests(MailFactory factory)
{
    [GeneratedRegex(@"http://localhost:5050/consultation\?cle=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    private async Task<string> NewPersonAsync()
    {
        var email = $"m{Guid.NewGuid():N}"[..12] + "@copil.test";
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Représentante MESR" }, DemoData.Password));
        return email;
    }

    /// <summary>The personal links of the e-mails a person received for this agreement, in the order of the points.</summary>
    private List<string> LinksOf(string email, string reference) =>
        [.. factory.Smtp.Received
            .Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
            .Where(m => m.To.Mailboxes.Any(x => x.Address == email) && (m.Subject ?? "").Contains(reference, StringComparison.Ordinal) && (m.Subject ?? "").Contains("Consultation écrite", StringComparison.Ordinal))
            .SelectMany(m => LinkPattern().Matches(m.TextBody ?? "").Select(x => x.Groups[1].Value))];

    private async Task<(HttpStatusCode Status, string Text)> VoteAsync(string secret, string choice)
    {
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetPageAsync($"/consultation?cle={secret}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        if (token is null)
        {
            return (HttpStatusCode.OK, page.QuerySelector("main")!.TextContent);
        }

        var response = await browser.PostAsync($"/consultation?cle={secret}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Choice"] = choice }));
        return (response.StatusCode, (await Http.ParseAsync(response)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Members_vote_from_their_e_mailed_links_once_and_everyone_receives_the_result()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var mesr = await NewPersonAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        foreach (var (email, seat) in new[] { ("membre.opco@copil.test", s.Agreement.SeatIds[0]), ("membre.menjs@copil.test", s.Agreement.SeatIds[2]), (mesr, s.Agreement.SeatIds[3]) })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships", new MembershipInput(email, AgreementRole.CommitteeMember, seat, null, null))).StatusCode);
        }

        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var sheetUrl = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        await carrier.PostJsonAsync($"{sheetUrl}/submit", new VersionInput(null));
        await dgesco.PostJsonAsync($"{sheetUrl}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        await dgesip.PostJsonAsync($"{sheetUrl}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, null));

        factory.Smtp.Start();
        try
        {
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            var opened = await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations", new ConsultationInput("Fiches du printemps", new DateOnly(2026, 3, 15), [sheet.Id], "Priorités 2027"));
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var consultation = await opened.ReadAsync<ConsultationDto>();
            await factory.SendAsync();

            var opco = LinksOf("membre.opco@copil.test", s.Agreement.Reference);
            var men = LinksOf("membre.menjs@copil.test", s.Agreement.Reference);
            var mesrLinks = LinksOf(mesr, s.Agreement.Reference);
            Assert.Equal([2, 2, 2], new[] { opco.Count, men.Count, mesrLinks.Count });

            // Each votes on the sheet from the link in their e-mail, without signing in.
            var first = await VoteAsync(opco[0], "For");
            Assert.Contains("Votre vote « pour » est enregistré pour le siège OPCO — OPCO 1", first.Text, StringComparison.Ordinal);
            await VoteAsync(men[0], "For");
            await VoteAsync(mesrLinks[0], "Against");

            // A replayed link, a made-up one: refused, and nothing counted.
            Assert.Contains("Ce lien a déjà servi", (await VoteAsync(opco[0], "Against")).Text, StringComparison.Ordinal);
            Assert.Contains("Ce lien de vote n'est pas valable", (await VoteAsync("fabrique-de-toutes-pieces-0123456789abcdef", "For")).Text, StringComparison.Ordinal);

            // The second point from the app; the matching link is then spent.
            using var menApi = await factory.ApiAsync("membre.menjs@copil.test");
            var inApp = await menApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}/items/{consultation.Items[1].Id}/vote", new SeatVoteInput(s.Agreement.SeatIds[2], VoteChoice.For));
            Assert.Equal(HttpStatusCode.OK, inApp.StatusCode);
            var foreignSeat = await menApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}/items/{consultation.Items[1].Id}/vote", new SeatVoteInput(s.Agreement.SeatIds[0], VoteChoice.For));
            Assert.Equal(HttpStatusCode.Forbidden, foreignSeat.StatusCode);
            Assert.Contains("Ce lien a déjà servi", (await VoteAsync(men[1], "Against")).Text, StringComparison.Ordinal);

            // The OPCO seat has not answered the second point: it is reminded of the closing date; the MEN seat, done, is not.
            using var opcoApi = await factory.ApiAsync("membre.opco@copil.test");
            var opcoDue = await (await opcoApi.GetAsync($"/api/v1/agreements/{s.Id}/due-dates?mine=true")).ReadAsync<List<DueItemDto>>();
            Assert.Contains(opcoDue, d => d.Title == "Répondre à la consultation écrite « Fiches du printemps »" && d.DueOn == new DateOnly(2026, 3, 15));
            var menDue = await (await menApi.GetAsync($"/api/v1/agreements/{s.Id}/due-dates?mine=true")).ReadAsync<List<DueItemDto>>();
            Assert.DoesNotContain(menDue, d => d.Title.StartsWith("Répondre à la consultation", StringComparison.Ordinal));

            var during = await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}")).ReadAsync<ConsultationDto>();
            Assert.Equal(4, during.Ballots.Count);
            Assert.Equal(["lien personnel", "lien personnel", "lien personnel", "application"], during.Ballots.Select(b => b.Channel));

            // After the last day the consultation closes itself, is tallied, decides the sheet and everyone hears of it.
            // 23:30 in Paris on 15 March, the last day: still open. Half an hour later: closed.
            factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 22, 30, 0, TimeSpan.Zero));
            Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<ConsultationClosing>().CloseDueAsync()));
            factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.Zero));
            Assert.Contains("est close", (await VoteAsync(opco[1], "For")).Text, StringComparison.Ordinal);
            Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<ConsultationClosing>().CloseDueAsync()));
            Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<ConsultationClosing>().CloseDueAsync()));

            var closed = await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}")).ReadAsync<ConsultationDto>();
            Assert.Equal(ConsultationStatus.Closed, closed.Status);
            Assert.Equal([TallyOutcome.Adopted, TallyOutcome.Adopted], closed.Results.Select(r => r.Outcome));
            var decided = await (await secretariat.GetAsync(sheetUrl)).ReadAsync<ActionSheetDto>();
            Assert.Equal(ActionStatus.CommitteeValidated, decided.Status);

            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await factory.SendAsync();
            var results = factory.Smtp.Received.Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
                .Where(m => (m.Subject ?? "").Contains(s.Agreement.Reference, StringComparison.Ordinal) && (m.Subject ?? "").Contains("Résultat de la consultation écrite", StringComparison.Ordinal))
                .SelectMany(m => m.To.Mailboxes.Select(x => x.Address)).ToList();
            foreach (var person in new[] { "membre.opco@copil.test", "membre.menjs@copil.test", mesr, Scenario.Secretariat, ActionScenario.Dgesco, ActionScenario.Dgesip })
            {
                Assert.Equal(1, results.Count(r => r == person));
            }

            // Every link issued reached its member, and is nowhere else in clear: not in the outbox row, the audit log
            // (nor its API), the database files, the logs or the e-mail pickup folder.
            string[] issued = [.. opco, .. men, .. mesrLinks];
            Assert.Equal(6, issued.Distinct().Count());
            var leaks = await SecretScan.WhereAsync(factory, issued, factory.PickupFolder); Assert.True(leaks.Count == 0, string.Join("\n", leaks));
            var outboxRow = await factory.WithDbAsync(db => db.Set<Copil.Web.Features.Notifications.OutboxMessage>().AsNoTracking()
                .SingleAsync(m => m.IdempotencyKey == $"consultation:{consultation.Id}:" + db.Users.Single(u => u.Email == "membre.opco@copil.test").Id));
            Assert.Contains(Copil.Web.Features.Notifications.Outbox.MaskedSecret, outboxRow.TextBody, StringComparison.Ordinal);
            Assert.Null(outboxRow.SealedBody);
            var audit = await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/audit")).Content.ReadAsStringAsync();
            Assert.DoesNotContain(issued, audit.Contains);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
            await factory.Smtp.StopAsync();
        }
    }
}

[Collection(MailCollection.Name)]
public sealed class SqliteConsultationTests(MailFactory factory) : ConsultationTests(factory);

[Collection(PostgresMailCollection.Name)]
public sealed class PostgresConsultationTests(PostgresMailFactory factory) : ConsultationTests(factory);
