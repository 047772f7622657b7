using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Notifications;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Features.Notifications;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Notifications;

/// <summary>The daily digest, muted reminders and each agreement's reminder offsets, with a fake clock and the real SMTP server.</summary>
[Collection(MailCollection.Name)]
public sealed class PreferenceTests(MailFactory factory)
{
    /// <summary>A person of their own (their choices must not change other tests' people), member of the agreement with a role.</summary>
    private async Task<string> NewMemberAsync(Guid agreementId, AgreementRole role, NotificationPreferences preferences)
    {
        var email = $"p{Guid.NewGuid():N}"[..12] + "@copil.test";
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CopilUser>>();
            var result = await users.CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Personne Essai" }, DemoData.Password);
            Assert.True(result.Succeeded);
            return result;
        });
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{agreementId}/memberships", new MembershipInput(email, role, null, null, null))).StatusCode);
        using var person = await factory.ApiAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await person.PutJsonAsync("/api/v1/notifications/preferences", new PreferencesDto(preferences.Delivery, preferences.MuteReminders))).StatusCode);
        return email;
    }

    private Task<List<OutboxMessage>> MailsToAsync(string email) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ToAddress == email).OrderBy(m => m.CreatedAtUtc).ToListAsync());

    private Task<int> RunAsync<TJob>()
        where TJob : notnull =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<TJob>() switch
        {
            DigestJob digest => digest.RunAsync(),
            ReminderJob reminders => reminders.RunAsync(),
            _ => throw new InvalidOperationException(),
        });

    [Fact]
    public async Task A_person_who_chose_the_digest_gets_one_e_mail_a_day_from_seven_listing_everything()
    {
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var s = await ActionScenario.CreateAsync(factory);
        var person = await NewMemberAsync(s.Id, AgreementRole.Secretariat, new(NotificationDelivery.DailyDigest));
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        await carrier.PostJsonAsync($"{url}/submit", new VersionInput(null));
        await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Reserved, "Préciser le budget.", null, null));

        // Listed in the app at once, but no e-mail of its own.
        using var api = await factory.ApiAsync(person);
        Assert.Equal(2, (await (await api.GetAsync("/api/v1/notifications")).ReadAsync<NotificationPageDto>()).Unread);
        Assert.Empty(await MailsToAsync(person));

        // 6 a.m. in Paris the next day: too early. 7:30: one digest with both; running again sends nothing more.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 5, 0, 0, TimeSpan.Zero));
        await RunAsync<DigestJob>();
        Assert.Empty(await MailsToAsync(person));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 6, 30, 0, TimeSpan.Zero));
        await RunAsync<DigestJob>();
        await RunAsync<DigestJob>();
        var digest = Assert.Single(await MailsToAsync(person));
        Assert.Equal("Copil — résumé du 11 mars 2026 : 2 notifications", digest.Subject);
        Assert.Contains("Avis favorable du MEN sur la fiche n° 1", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Avis réservé du MESR sur la fiche n° 1", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5050/conventions/{s.Id}/fiches/{sheet.Id}", digest.TextBody, StringComparison.Ordinal);

        // Something new later that day waits for the next morning's digest.
        var second = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{second.Id}/submit", new VersionInput(null));
        var given = await dgesco.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{second.Id}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        Assert.True(given.IsSuccessStatusCode, await given.Content.ReadAsStringAsync());
        Assert.Single(await MailsToAsync(person));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 7, 0, 0, TimeSpan.Zero));
        await RunAsync<DigestJob>();
        Assert.Equal(2, (await MailsToAsync(person)).Count);

        // And the digests reach the SMTP server, once each.
        factory.Smtp.Start();
        try
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await factory.SendAsync();
            Assert.Equal(2, factory.Smtp.Received.Count(m => m.Contains($"<{person}>", StringComparison.Ordinal)));
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task Muted_reminders_stay_silent_except_those_of_dates_the_agreement_sets()
    {
        var s = await ActionScenario.CreateAsync(factory);
        var muted = await NewMemberAsync(s.Id, AgreementRole.Secretariat, new(NotificationDelivery.Immediate, MuteReminders: true));
        var plain = await NewMemberAsync(s.Id, AgreementRole.Secretariat, NotificationPreferences.Default);

        // Thursday 29 April 2027: the 2026 annual report is due (before 30 April, art. 15), a date the agreement sets.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 29, 8, 0, 0, TimeSpan.Zero));
        await RunAsync<ReminderJob>();
        Assert.Contains(await MailsToAsync(muted), m => m.Subject.Contains("Rappel : Bilan annuel 2026", StringComparison.Ordinal));

        // 1 December 2027: deciding what follows the agreement, a reminder Copil chooses to give (6 months before the end).
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await RunAsync<ReminderJob>();
        Assert.Contains(await MailsToAsync(plain), m => m.Subject.Contains("Décider de la suite de la convention", StringComparison.Ordinal));
        Assert.DoesNotContain(await MailsToAsync(muted), m => m.Subject.Contains("Décider de la suite de la convention", StringComparison.Ordinal));
        factory.Clock.SetUtcNow(CopilFactory.Now);
    }

    [Fact]
    public async Task Each_agreement_reminds_at_its_own_offsets()
    {
        var s = await ActionScenario.CreateAsync(factory);
        var person = await NewMemberAsync(s.Id, AgreementRole.Secretariat, NotificationPreferences.Default);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var current = await (await admin.GetAsync($"/api/v1/agreements/{s.Id}")).ReadAsync<AgreementDto>();
        var bad = await admin.PutJsonAsync($"/api/v1/agreements/{s.Id}", Input(current, "dans 3 semaines"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("terms.reminders", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await admin.PutJsonAsync($"/api/v1/agreements/{s.Id}", Input(current, "20"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // The 2026 annual report is due on Thursday 29 April 2027: reminded 20 days before, and on no other day before.
        foreach (var day in new[] { 8, 9, 22, 27, 29 })
        {
            factory.Clock.SetUtcNow(new DateTimeOffset(2027, 4, day, 8, 0, 0, TimeSpan.Zero));
            await RunAsync<ReminderJob>();
        }

        var reminders = (await MailsToAsync(person)).Where(m => m.Subject.Contains("Bilan annuel 2026", StringComparison.Ordinal)).ToList();
        var only = Assert.Single(reminders);
        Assert.Contains("jeudi 29 avril 2027", only.Subject, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2027, 4, 9, 8, 0, 0), only.CreatedAtUtc);
        Assert.Contains($"http://localhost:5050/conventions/{s.Id}/bilans/2026", only.TextBody, StringComparison.Ordinal);
        factory.Clock.SetUtcNow(CopilFactory.Now);
    }

    private static AgreementInput Input(AgreementDto a, string offsets) => new(
        a.Reference, a.Title, a.LegalBasis, a.SignedOn, a.SignedAt, a.TermMonths, a.TermArticle, a.RenewalPolicy, a.EndOfTermRule, a.CommitteeArticle,
        null, a.Terms with { ReminderOffsets = offsets }, a.Version);
}
