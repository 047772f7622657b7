using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Voting;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>
/// Need to know: a carrier sees only its own sheets wherever sheets are named (échéancier, due dates, reports); the
/// ballots of an open consultation are the secretariat's until it closes; the dashboard's ceiling form posts with its
/// own anti-forgery token.
/// </summary>
public abstract class NeedToKnowTests(CopilFactory factory)
{
    private async Task<string> NewPersonAsync()
    {
        var email = $"n{Guid.NewGuid():N}"[..12] + "@copil.test";
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Porteur de test" }, DemoData.Password));
        return email;
    }

    [Fact]
    public async Task A_carrier_sees_the_due_dates_of_its_own_sheets_only_and_no_report_naming_the_others()
    {
        // The demo agreement sets 30 days for the ministries' opinions: each submitted sheet owes two dated opinions.
        var id = await factory.DemoAgreementIdAsync();
        var axisId = await factory.WithDbAsync(db => db.Agreements.Where(a => a.Id == id).SelectMany(a => a.Axes).Select(x => x.Id).FirstAsync());
        var theirs = $"Lycée {Guid.NewGuid():N}"[..14];
        var email = await NewPersonAsync();
        var other = await NewPersonAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        foreach (var (person, organisation) in new[] { (email, theirs), (other, "Autre porteur") })
        {
            await Http.OkAsync<MembershipDto>(await admin.PostJsonAsync($"/api/v1/agreements/{id}/memberships", new MembershipInput(person, AgreementRole.ActionCarrier, null, null, organisation)));
            using var api = await factory.ApiAsync(person);
            var sheet = await Http.OkAsync<ActionSheetDto>(await api.PostJsonAsync($"/api/v1/agreements/{id}/action-sheets", new ActionSheetInput(null, new ActionScenario(null!, axisId).Content() with { Title = $"Action de {organisation}" })));
            await Http.OkAsync<ActionSheetDto>(await api.PostJsonAsync($"/api/v1/agreements/{id}/action-sheets/{sheet.Id}/submit", new VersionInput(null)));
        }

        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var all = await Http.OkAsync<List<DueItemDto>>(await secretariat.GetAsync($"/api/v1/agreements/{id}/due-dates"));
        var theirSheets = (await factory.WithDbAsync(db => db.ActionSheets.Where(s => s.AgreementId == id && s.CarrierOrganisation == theirs).Select(s => s.Id).ToListAsync())).Select(g => g.ToString()).ToList();
        static string? SheetOf(string key) => key.StartsWith("sheet:", StringComparison.Ordinal) ? key.Split(':')[1] : null;

        using var carrier = await factory.ApiAsync(email);
        var seen = await Http.OkAsync<List<DueItemDto>>(await carrier.GetAsync($"/api/v1/agreements/{id}/due-dates"));
        Assert.Contains(seen, i => SheetOf(i.Key) is { } s && theirSheets.Contains(s));
        Assert.All(seen.Select(i => SheetOf(i.Key)).OfType<string>(), s => Assert.Contains(s, theirSheets));
        Assert.Contains(all, i => SheetOf(i.Key) is { } s && !theirSheets.Contains(s));
        // The dates that are not a sheet's (committees, reports of the agreement) stay in view.
        Assert.Equal(all.Count(i => SheetOf(i.Key) is null), seen.Count(i => SheetOf(i.Key) is null));

        using var pages = await factory.SignedInAsync(email);
        var echeancier = await pages.GetPageAsync($"/conventions/{id}/echeancier");
        var linked = echeancier.QuerySelectorAll("a[href*='key=sheet']").Select(a => SheetOf(Uri.UnescapeDataString(a.GetAttribute("href")!.Split("key=")[1]))!).ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, s => Assert.Contains(s, theirSheets));
        var ics = await (await pages.GetAsync($"/conventions/{id}/echeancier?handler=Ics")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(all.Where(i => SheetOf(i.Key) is { } s && !theirSheets.Contains(s)), i => ics.Contains(i.Key, StringComparison.Ordinal));

        // The dashboard and the annual reports name every action: not for a pure carrier, and not offered.
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.GetAsync($"/api/v1/agreements/{id}/dashboard/2021")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.GetAsync($"/api/v1/agreements/{id}/annual-reports/2021")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await pages.GetAsync($"/conventions/{id}/tableau-de-bord")).StatusCode);
        var home = await pages.GetPageAsync($"/conventions/{id}");
        Assert.Null(home.QuerySelector($"a[href='/conventions/{id}/tableau-de-bord']"));
        Assert.Equal(HttpStatusCode.OK, (await carrier.GetAsync($"/api/v1/agreements/{id}/open-data.json")).StatusCode);
    }

    [Fact]
    public async Task The_ballots_of_an_open_consultation_are_the_secretariat_s_and_each_member_s_own_until_it_closes()
    {
        var s = await ActionScenario.CreateAsync(factory);
        var sheetId = await s.ReadySheetAsync(factory, "Salon régional");
        var member = await NewPersonAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        await Http.OkAsync<MembershipDto>(await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships", new MembershipInput(member, AgreementRole.CommitteeMember, s.Agreement.SeatIds[0], null, null)));
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var consultation = await (await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations", new ConsultationInput("Fiche du printemps", new DateOnly(2026, 3, 20), [sheetId], null))).ReadAsync<ConsultationDto>();
        var url = $"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}";
        using var memberApi = await factory.ApiAsync(member);
        await Http.OkAsync<ConsultationDto>(await memberApi.PostJsonAsync($"{url}/items/{consultation.Items[0].Id}/vote", new SeatVoteInput(s.Agreement.SeatIds[0], VoteChoice.For)));

        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        Assert.Single((await Http.OkAsync<ConsultationDto>(await secretariat.GetAsync(url))).Ballots);
        Assert.Single((await Http.OkAsync<ConsultationDto>(await memberApi.GetAsync(url))).Ballots);
        Assert.Empty((await Http.OkAsync<ConsultationDto>(await reader.GetAsync(url))).Ballots);
        Assert.Empty((await Http.OkAsync<ConsultationDto>(await carrier.GetAsync(url))).Ballots);
        Assert.All(await Http.OkAsync<List<ConsultationDto>>(await reader.GetAsync($"/api/v1/agreements/{s.Id}/consultations")), c => Assert.Empty(c.Ballots));

        using var readerPages = await factory.SignedInAsync(Scenario.Reader);
        var page = await readerPages.GetPageAsync($"/conventions/{s.Id}/comite/consultations/{consultation.Id}");
        Assert.Contains("Votes reçus (1 sur", page.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("publié à la clôture", page.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("caption + thead + tbody tr"));
    }

    [Fact]
    public async Task The_dashboard_ceiling_form_saves_with_the_token_it_carries()
    {
        var id = await factory.SeedAgreementIdAsync();
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var dashboard = await pages.GetPageAsync($"/conventions/{id}/tableau-de-bord?annee=2027");
        var form = dashboard.QuerySelector("form[action*='handler=Ceiling']")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["Ceiling.Amount"] = "450000";
        var saved = await pages.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)saved.StatusCode}");
        var after = await pages.GetPageAsync($"/conventions/{id}/tableau-de-bord?annee=2027");
        Assert.Contains("Plafond 2027 enregistré.", string.Join("|", after.QuerySelectorAll(".notice").Select(e => e.TextContent)), StringComparison.Ordinal);
        Assert.StartsWith("450", after.QuerySelector("input[name='Ceiling.Amount']")!.GetAttribute("value")!, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteNeedToKnowTests(SqliteFactory factory) : NeedToKnowTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNeedToKnowTests(PostgresFactory factory) : NeedToKnowTests(factory);
