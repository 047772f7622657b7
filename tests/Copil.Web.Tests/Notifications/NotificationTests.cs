using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Notifications;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Notifications;

/// <summary>Who is told of what happens to an action sheet (art. 14), in the app and by e-mail; the list, its unread marks and its API.</summary>
public abstract class NotificationTests(CopilFactory factory)
{
    private const string CommitteeMember = "membre.opco@copil.test";

    private static async Task<List<NotificationDto>> NotificationsAsync(HttpClient api, Guid agreementId)
    {
        var page = await (await api.GetAsync("/api/v1/notifications")).ReadAsync<NotificationPageDto>();
        return [.. page.Items.Where(n => n.AgreementId == agreementId)];
    }

    private async Task<(ActionScenario Scenario, Guid SheetId, string Url)> SheetUnderReviewAsync()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships",
            new MembershipInput(CommitteeMember, AgreementRole.CommitteeMember, s.Agreement.SeatIds[0], null, null))).StatusCode);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        Assert.True((await carrier.PostJsonAsync($"{url}/submit", new VersionInput(null))).IsSuccessStatusCode);
        return (s, sheet.Id, url);
    }

    [Fact]
    public async Task Each_step_of_a_sheet_tells_the_people_the_agreement_names_with_a_link_to_it()
    {
        var (s, sheetId, url) = await SheetUnderReviewAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var member = await factory.ApiAsync(CommitteeMember);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        var link = $"/conventions/{s.Id}/fiches/{sheetId}";

        // Submitted: each ministry's reviewer is asked for its opinion.
        var asked = Assert.Single(await NotificationsAsync(dgesco, s.Id));
        Assert.Equal("Fiche action n° 1 soumise à votre avis", asked.Title);
        Assert.Equal(link, asked.Link);
        Assert.Null(asked.ReadAtUtc);
        Assert.Single(await NotificationsAsync(dgesip, s.Id));

        // A reserved opinion reaches the carrier and the secretariat with its recommendations.
        await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Reserved, "Associer les lycées agricoles.", null, null));
        await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, "Bonne initiative.", null));
        var carrierNotices = await NotificationsAsync(carrier, s.Id);
        var reserved = Assert.Single(carrierNotices, n => n.Title == "Avis réservé du MEN sur la fiche n° 1");
        Assert.Contains("Recommandations pour obtenir un avis favorable (art. 14) :\nAssocier les lycées agricoles.", reserved.Body, StringComparison.Ordinal);
        Assert.Contains(carrierNotices, n => n.Title == "Avis favorable du MESR sur la fiche n° 1" && n.Body.Contains("Bonne initiative.", StringComparison.Ordinal));
        Assert.Equal(2, (await NotificationsAsync(secretariat, s.Id)).Count(n => n.Title.StartsWith("Avis ", StringComparison.Ordinal)));

        // The committee's and the board's decisions reach the carrier and the committee members (art. 14).
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        Assert.True((await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, today, "copil", null))).IsSuccessStatusCode);
        using var board = await factory.ApiAsync(ActionScenario.Board);
        Assert.True((await board.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(BoardOutcome.Approved, today, "CA", null))).IsSuccessStatusCode);
        foreach (var person in new[] { carrier, member })
        {
            var titles = (await NotificationsAsync(person, s.Id)).Select(n => n.Title).ToList();
            Assert.Contains("Décision du comité de pilotage sur la fiche n° 1 : validée", titles);
            Assert.Contains("Décision du conseil d'administration sur la fiche n° 1 : approuvée", titles);
        }

        // Nobody else hears of it.
        Assert.Empty(await NotificationsAsync(reader, s.Id));
        Assert.DoesNotContain(await NotificationsAsync(dgesco, s.Id), n => n.Title.StartsWith("Décision", StringComparison.Ordinal));

        // Each notice to a person with an address is also an e-mail, with the absolute link.
        var mails = await factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AgreementId == s.Id && m.ToAddress == ActionScenario.Carrier).ToListAsync());
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.Contains($"http://localhost:5050{link}", m.TextBody, StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Subject.EndsWith("] Avis réservé du MEN sur la fiche n° 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_request_and_a_report_reach_the_secretariat_and_the_answer_the_carrier()
    {
        var (s, sheetId, url) = await SheetUnderReviewAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        using var board = await factory.ApiAsync(ActionScenario.Board);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, null));
        await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, today, "copil", null));
        await board.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(BoardOutcome.Approved, today, "CA", null));
        Assert.True((await secretariat.PostJsonAsync($"{url}/start", new DateInput(today, null))).IsSuccessStatusCode);

        var change = await carrier.PostJsonAsync($"{url}/change-requests", new ChangeInput(s.Content() with { Title = "Forum des métiers, deux sites" }, "Un second site à Rouen.", null));
        Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());
        var asked = Assert.Single(await NotificationsAsync(secretariat, s.Id), n => n.Title == "Demande de modification de la fiche n° 1");
        Assert.Contains("Motif : Un second site à Rouen.", asked.Body, StringComparison.Ordinal);
        Assert.Contains(await NotificationsAsync(dgesco, s.Id), n => n.Title == "Demande de modification de la fiche n° 1");
        await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, today, "copil 2", null));
        Assert.Contains(await NotificationsAsync(carrier, s.Id), n => n.Title == "Décision du comité de pilotage sur la demande de modification de la fiche n° 1 : validée");

        var opened = await (await carrier.PostJsonAsync($"{url}/report", new VersionInput(null))).ReadAsync<ActionSheetDto>();
        var report = opened.Report! with
        {
            Indicators = [opened.Report!.Indicators[0] with { Achieved = 900 }],
            Beneficiaries = [new(TargetPublic.HighSchoolPupils, 850, 400, 450, 10)],
            Costs = [.. opened.Report!.Costs.Select(c => c with { RealCents = c.PlannedCents, Evidence = "facture" })],
            Assessment = "Bonne fréquentation.",
        };
        Assert.True((await carrier.PutJsonAsync($"{url}/report", new ReportInput(report, opened.Version))).IsSuccessStatusCode);
        var submitted = await carrier.PostJsonAsync($"{url}/report/submit", new VersionInput(null));
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        Assert.Contains(await NotificationsAsync(secretariat, s.Id), n => n.Title == "Fiche de réalisation de la fiche n° 1 déposée");
        await secretariat.PostJsonAsync($"{url}/report/return", new VersionInput(null));
        Assert.Contains(await NotificationsAsync(carrier, s.Id), n => n.Title == "Fiche de réalisation de la fiche n° 1 à compléter");
    }

    [Fact]
    public async Task The_list_marks_unread_notices_and_opening_one_marks_it_read()
    {
        var (s, sheetId, _) = await SheetUnderReviewAsync();
        using var pages = await factory.SignedInAsync(ActionScenario.Dgesco);

        var list = await pages.GetPageAsync("/notifications?nonlues=true");
        var item = list.QuerySelectorAll("li.notification--unread").Single(li => li.TextContent.Contains(s.Agreement.Reference, StringComparison.Ordinal));
        Assert.Contains("Non lue", item.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector(".main-nav .counter"));
        var open = item.QuerySelector("h2 a")!.GetAttribute("href")!;

        var opened = await pages.GetAsync(open);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/conventions/{s.Id}/fiches/{sheetId}", opened.Headers.Location!.OriginalString);
        var after = await pages.GetPageAsync("/notifications");
        Assert.DoesNotContain(after.QuerySelectorAll("li.notification--unread"), li => li.TextContent.Contains(s.Agreement.Reference, StringComparison.Ordinal));

        var readAll = await pages.SubmitFormAsync("/notifications", new Dictionary<string, string>(), "ReadAll", tokenFrom: "/notifications");
        Assert.Equal(HttpStatusCode.Redirect, readAll.StatusCode);
        using var api = await factory.ApiAsync(ActionScenario.Dgesco);
        Assert.Equal(0, (await (await api.GetAsync("/api/v1/notifications?unread=true")).ReadAsync<NotificationPageDto>()).Unread);
    }

    [Fact]
    public async Task Nobody_reads_or_marks_another_person_s_notification()
    {
        var (s, _, _) = await SheetUnderReviewAsync();
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        var mine = Assert.Single(await NotificationsAsync(dgesco, s.Id));
        using var other = await factory.ApiAsync(ActionScenario.Dgesip);
        using var otherPages = await factory.SignedInAsync(ActionScenario.Dgesip);

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/notifications/{mine.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPages.GetAsync($"/notifications?handler=Open&notificationId={mine.Id}")).StatusCode);
        Assert.Null(Assert.Single(await NotificationsAsync(dgesco, s.Id)).ReadAtUtc);
        Assert.Equal(HttpStatusCode.NoContent, (await dgesco.PostAsync($"/api/v1/notifications/{mine.Id}/read", null)).StatusCode);
        Assert.NotNull(Assert.Single(await NotificationsAsync(dgesco, s.Id)).ReadAtUtc);
    }

    [Fact]
    public async Task Preferences_are_kept_and_a_bad_value_is_refused_in_french()
    {
        using var api = await factory.ApiAsync(Scenario.Reader);

        var bad = await api.PutAsync("/api/v1/notifications/preferences", new StringContent("""{"delivery":"Hourly","muteReminders":true}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(new PreferencesDto(NotificationDelivery.Immediate, false), await (await api.GetAsync("/api/v1/notifications/preferences")).ReadAsync<PreferencesDto>());

        using var pages = await factory.SignedInAsync(Scenario.Reader);
        var saved = await pages.SubmitFormAsync("/compte", new Dictionary<string, string> { ["Preferences.Delivery"] = "DailyDigest", ["Preferences.MuteReminders"] = "true" }, "Preferences");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new PreferencesDto(NotificationDelivery.DailyDigest, true), await (await api.GetAsync("/api/v1/notifications/preferences")).ReadAsync<PreferencesDto>());

        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync("/api/v1/notifications/preferences", new PreferencesDto(NotificationDelivery.Immediate, false))).StatusCode);
    }

    [Fact]
    public async Task The_personal_calendar_feed_is_read_by_another_library_and_its_secret_address_can_be_replaced_or_revoked()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<string> NewAddressAsync()
        {
            var page = await Http.ParseAsync(await secretariat.SubmitFormAsync("/compte", new Dictionary<string, string>(), "Calendar"));
            return new Uri(page.QuerySelector(".secret")!.TextContent.Trim()).AbsolutePath;
        }

        var first = await NewAddressAsync();
        var response = await anonymous.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);

        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var script = "import icalendar, sys; cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); [print(e.get('uid'), e.get('dtstart').dt.isoformat(), e.get('summary'), sep='|') for e in cal.walk('VEVENT')]";
        using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var lines = (await python.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await python.WaitForExitAsync();
        File.Delete(file);
        Assert.Equal(0, python.ExitCode);
        Assert.Contains($"agreement:{agreement.Id}:annual-report:2025@copil|2026-04-29|Bilan annuel 2025 adressé aux signataires", lines);
        Assert.Equal(lines.Length, lines.Select(l => l.Split('|')[0]).Distinct().Count());

        // A new address replaces the old one; revoking leaves none; a made-up one opens nothing.
        var second = await NewAddressAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.SubmitFormAsync("/compte", new Dictionary<string, string>(), "RevokeCalendar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendrier/inventee-de-toutes-pieces-0123456789.ics")).StatusCode);
    }

    [Fact]
    public async Task The_secretariat_sees_the_e_mails_of_its_agreement_and_only_the_administrator_sees_all()
    {
        var (s, _, _) = await SheetUnderReviewAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        using var admin = await factory.SignedInAsync(Scenario.Admin);

        var page = await secretariat.GetPageAsync($"/conventions/{s.Id}/envois?etat=attente");
        Assert.Equal(2, page.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("soumise à votre avis", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync("/admin/envois")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/envois?etat=attente")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteNotificationTests(SqliteFactory factory) : NotificationTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationTests(PostgresFactory factory) : NotificationTests(factory);
