using Copil.Domain.Actions;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Notifications;

/// <summary>Reminders before a due date and when it is overdue, with a fake clock, each queued once.</summary>
[Collection(MailCollection.Name)]
public sealed class ReminderTests(MailFactory factory)
{
    private Task<int> RunJobAsync() => factory.WithScopeAsync(sp => sp.GetRequiredService<ReminderJob>().RunAsync());

    private Task<List<OutboxMessage>> RemindersForAsync(Guid agreementId, string email) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AgreementId == agreementId && m.ToAddress == email && m.IdempotencyKey.StartsWith("mail:reminder:")).OrderBy(m => m.CreatedAtUtc).ToListAsync());

    [Fact]
    public async Task The_carrier_is_reminded_before_its_completion_report_is_due_once_per_step()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var content = s.Content() with { StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 12, 15) };
        var sheet = await (await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(ActionScenario.CarrierOrganisation, content))).ReadAsync<ActionSheetDto>();
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        await secretariat.PostJsonAsync($"{url}/submit", new VersionInput(null));
        await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, null));
        await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, today, "copil", null));
        await secretariat.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(BoardOutcome.Approved, today, "CA", null));
        var started = await secretariat.PostJsonAsync($"{url}/start", new DateInput(today, null));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

        // The report is due before the annual report on 2025: Wednesday 29 April 2026.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 21, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Empty(await RemindersForAsync(s.Id, ActionScenario.Carrier));

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 23, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        await RunJobAsync();
        var first = Assert.Single(await RemindersForAsync(s.Id, ActionScenario.Carrier));
        Assert.Contains("Rappel : Fiche de réalisation de la fiche n° 1", first.Subject, StringComparison.Ordinal);
        Assert.Contains("mercredi 29 avril 2026", first.Subject, StringComparison.Ordinal);
        Assert.Contains("Source : art. 15", first.TextBody, StringComparison.Ordinal);

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 27, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();

        var all = await RemindersForAsync(s.Id, ActionScenario.Carrier);
        Assert.Equal(3, all.Count);
        Assert.Contains("en retard de 2 jours", all[2].Subject, StringComparison.Ordinal);
        // Only the carrier of that organisation is reminded of its report.
        Assert.DoesNotContain(await RemindersForAsync(s.Id, ActionScenario.Dgesco), m => m.Subject.Contains("Fiche de réalisation", StringComparison.Ordinal));

        // Still chased weekly while the agreement is in force (signed 2 June 2025 for 36 months: until 1 June 2028)…
        async Task<int> ReportRemindersAsync() => (await RemindersForAsync(s.Id, ActionScenario.Carrier)).Count(m => m.Subject.Contains("Fiche de réalisation", StringComparison.Ordinal));
        factory.Clock.SetUtcNow(new DateTimeOffset(2028, 5, 22, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Equal(4, await ReportRemindersAsync());
        // …and no longer once it has ended: the date is « non respecté », not recalled every week for ever.
        factory.Clock.SetUtcNow(new DateTimeOffset(2028, 6, 12, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Equal(4, await ReportRemindersAsync());
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    }
}
