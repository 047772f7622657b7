using System.Net;
using Copil.Web.Api;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Agreements;

[Collection(SqliteCollection.Name)]
public sealed class AgreementPagesTests(SqliteFactory factory)
{
    [Fact]
    public async Task The_agreement_page_shows_every_computed_date_with_its_source_article()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var page = await reader.GetPageAsync($"/conventions/{seed}");

        var dates = page.QuerySelector("#dates")!;
        var values = dates.QuerySelectorAll("dd").ToList();
        Assert.NotEmpty(values);
        Assert.All(values, dd => Assert.Contains("Source : ", dd.TextContent, StringComparison.Ordinal));
        Assert.Contains("jeudi 30 novembre 2023", dates.TextContent, StringComparison.Ordinal);
        Assert.Contains("Source : art. 17 : conclue pour 36 mois à compter du 1er décembre 2020", dates.TextContent, StringComparison.Ordinal);
        Assert.Contains("Terminée", page.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agreement_in_force_shows_days_left_and_the_notice_date_each_with_its_article()
    {
        var demo = await factory.DemoAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var text = (await reader.GetPageAsync($"/conventions/{demo}")).QuerySelector("#dates")!.TextContent;

        Assert.Contains("Jours restants", text, StringComparison.Ordinal);
        Assert.Contains("Source : art. 17 : jours calendaires du 10 mars 2026 au dernier jour en vigueur, le 14 janvier 2028", text, StringComparison.Ordinal);
        Assert.Contains("Résiliation si un préavis était reçu aujourd'hui", text, StringComparison.Ordinal);
        Assert.Contains("Source : art. 18 : délai minimal de 2 mois à compter du 10 mars 2026", text, StringComparison.Ordinal);
        Assert.Contains("Source : art. 14 : réunion avant le 15 juin 2026", text, StringComparison.Ordinal);
        Assert.Contains("Source : art. 15 : bilan des actions du 1er janvier au 31 décembre 2025", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_termination_dated_too_early_shows_the_french_error_next_to_the_field_and_saves_nothing()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/resiliation";
        var version = (await secretariat.GetPageAsync(url)).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var response = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.PartyId"] = agreement.OpcoId.ToString(),
            ["Input.ReceivedOn"] = "2026-03-02",
            ["Input.RequestedEffectiveOn"] = "2026-04-01",
            ["Input.Reason"] = "Motif conservé",
            ["Input.Version"] = version,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        var error = page.QuerySelector("#Input_RequestedEffectiveOn-error")!;
        Assert.Contains("La résiliation ne peut pas prendre effet avant le 2 mai 2026", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Input_RequestedEffectiveOn")!.GetAttribute("aria-invalid"));
        Assert.Equal("Motif conservé", page.QuerySelector("#Input_Reason")!.TextContent);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_RequestedEffectiveOn']"));
        var details = await secretariat.GetPageAsync($"/conventions/{agreement.Id}");
        Assert.Contains("Aucune résiliation notifiée.", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_typed_wrong_gets_a_french_message_not_an_error_page()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var response = await secretariat.SubmitFormAsync($"/conventions/{agreement.Id}/resiliation", new Dictionary<string, string>
        {
            ["Input.PartyId"] = agreement.OpcoId.ToString(),
            ["Input.ReceivedOn"] = "31/02/2026",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Contains("n'est pas valide", page.QuerySelector("#Input_ReceivedOn-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_out_of_range_or_an_invisible_character_is_shown_next_to_its_field_with_the_values_sent_and_nothing_is_recorded()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var response = await secretariat.SubmitFormAsync($"/conventions/{agreement.Id}/resiliation", new Dictionary<string, string>
        {
            ["Input.PartyId"] = agreement.OpcoId.ToString(),
            ["Input.ReceivedOn"] = "9999-12-31",
            ["Input.Reason"] = "Réorganisation\u000bdu réseau",
            ["Input.Version"] = "1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Contains("date", page.QuerySelector("#Input_ReceivedOn-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("caractère invisible", page.QuerySelector("#Input_Reason-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["#Input_Reason", "#Input_ReceivedOn"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Order());
        Assert.Contains("Réorganisation", page.QuerySelector("#Input_Reason")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Agreements.Where(a => a.Id == agreement.Id).Select(a => a.Termination).SingleAsync()));
    }

    [Fact]
    public async Task A_termination_recorded_through_the_page_shows_its_effective_date_and_article()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/resiliation";
        var version = (await secretariat.GetPageAsync(url)).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var response = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.PartyId"] = agreement.MinistryId.ToString(),
            ["Input.ReceivedOn"] = "2026-03-09",
            ["Input.Version"] = version,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await secretariat.GetPageAsync($"/conventions/{agreement.Id}");
        Assert.Contains("Résiliation enregistrée. La résiliation prend effet à l'expiration du 9 mai 2026", details.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Source : art. 18 : délai minimal de 2 mois à compter du 9 mars 2026, date de réception de la notification du MEN", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_editing_the_same_agreement_the_second_is_told_and_keeps_their_input()
    {
        var agreement = await factory.NewAgreementAsync();
        using var first = await factory.SignedInAsync(Scenario.Secretariat);
        using var second = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/modifier";
        Dictionary<string, string> Form(AngleSharp.Html.Dom.IHtmlDocument page, string title) =>
            page.QuerySelectorAll("form.stack input[name], form.stack textarea[name], form.stack select[name]")
                .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
                .GroupBy(e => e.GetAttribute("name")!)
                .ToDictionary(g => g.Key, g => g.Key == "Input.Title" ? title : g.First() switch
                {
                    AngleSharp.Html.Dom.IHtmlTextAreaElement t => t.Value,
                    AngleSharp.Html.Dom.IHtmlSelectElement s => s.Value ?? "",
                    AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" } c => c.IsChecked ? "true" : "false",
                    var e => e.GetAttribute("value") ?? "",
                });
        var firstForm = Form(await first.GetPageAsync(url), "Titre corrigé par la première personne");
        var secondForm = Form(await second.GetPageAsync(url), "Titre corrigé par la seconde personne");

        var firstSave = await first.SubmitFormAsync(url, firstForm);
        var secondSave = await second.SubmitFormAsync(url, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        var page = await Http.ParseAsync(secondSave);
        Assert.Contains("modifiée par quelqu'un d'autre", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Titre corrigé par la seconde personne", page.QuerySelector("#Input_Title")!.TextContent);
        var details = await first.GetPageAsync($"/conventions/{agreement.Id}");
        Assert.Equal("Titre corrigé par la première personne", details.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Creating_an_agreement_with_nothing_filled_lists_every_missing_item_in_french()
    {
        using var admin = await factory.SignedInAsync(Scenario.Admin);

        var response = await admin.SubmitFormAsync("/conventions/nouvelle", new Dictionary<string, string>
        {
            ["Input.TermMonths"] = "0",
            ["Input.ManagementFeeCap"] = "5,65",
            ["Input.TermArticle"] = "art. 17",
            ["Input.CommitteeArticle"] = "art. 13",
        });

        var page = await Http.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Indiquez une référence courte", summary, StringComparison.Ordinal);
        Assert.Contains("Indiquez l'intitulé", summary, StringComparison.Ordinal);
        Assert.Contains("La durée doit être comprise entre 1 et 120 mois.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fee_cap_above_the_limit_is_refused_next_to_its_field()
    {
        using var admin = await factory.SignedInAsync(Scenario.Admin);

        var response = await admin.SubmitFormAsync("/conventions/nouvelle", new Dictionary<string, string>
        {
            ["Input.Reference"] = "ESSAI-PLAFOND",
            ["Input.Title"] = "Essai",
            ["Input.TermMonths"] = "36",
            ["Input.ManagementFeeCap"] = "cinq",
            ["Input.TermArticle"] = "art. 17",
            ["Input.CommitteeArticle"] = "art. 13",
        });

        var page = await Http.ParseAsync(response);
        Assert.Contains("Saisissez un pourcentage", page.QuerySelector("#Input_ManagementFeeCap-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_and_the_api_bind_the_same_terms_and_a_term_typed_wrong_is_marked_on_its_field()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/modifier";
        var form = (await secretariat.GetPageAsync(url)).QuerySelectorAll("form.stack input[name], form.stack textarea[name], form.stack select[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
            .GroupBy(e => e.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First() switch
            {
                AngleSharp.Html.Dom.IHtmlTextAreaElement t => t.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement sel => sel.Value ?? "",
                var e => e.GetAttribute("value") ?? "",
            });

        var wrong = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>(form) { ["Input.Terms.NoticePeriodMonths"] = "40" });
        var saved = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>(form) { ["Input.Terms.NoticePeriodMonths"] = "3", ["Input.Terms.CeilingPolicy"] = "1" });

        Assert.Contains("Le préavis de résiliation doit être compris entre 0 et 36 mois.", (await Http.ParseAsync(wrong)).QuerySelector("#Input_Terms_NoticePeriodMonths-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var read = await Http.OkAsync<AgreementDto>(await api.GetAsync($"/api/v1/agreements/{agreement.Id}"));
        Assert.Equal((3, Copil.Domain.Reporting.CeilingPolicy.Block, "art. 18"), (read.Terms.NoticePeriodMonths, read.Terms.CeilingPolicy, read.Terms.NoticePeriodArticle));
    }

    [Fact]
    public async Task A_wrong_password_gets_one_french_message_whether_the_account_exists_or_not()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var known = await Http.ParseAsync(await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = "invite@copil.test", ["Input.Password"] = "pas le bon mot de passe" }));
        var unknown = await Http.ParseAsync(await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = "personne@copil.test", ["Input.Password"] = "pas le bon mot de passe" }));

        Assert.Equal("Erreur : Adresse électronique ou mot de passe incorrect.", known.QuerySelector("#Input_Password-error")!.TextContent);
        Assert.Equal(known.QuerySelector("#Input_Password-error")!.TextContent, unknown.QuerySelector("#Input_Password-error")!.TextContent);
    }

    [Fact]
    public async Task A_void_agreement_accepts_no_new_action_and_says_so()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/caducite";
        var version = (await secretariat.GetPageAsync(url)).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var response = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.On"] = "2026-03-01",
            ["Input.Reason"] = "Usage des logos ministériels sans autorisation (art. 11).",
            ["Input.Version"] = version,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await secretariat.GetPageAsync($"/conventions/{agreement.Id}");
        Assert.Equal("Caduque", details.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Convention caduque depuis le 1er mars 2026.", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seat_is_edited_and_a_weight_out_of_range_is_refused_next_to_the_field()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/comite/sieges/{agreement.SeatIds[1]}";
        var version = (await secretariat.GetPageAsync(url)).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var refused = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Holder"] = "Nouvelle titulaire",
            ["Input.VoteWeight"] = "0",
            ["Input.Version"] = version,
        });
        var saved = await secretariat.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Holder"] = "Nouvelle titulaire",
            ["Input.Substitute"] = "Suppléant",
            ["Input.VoteWeight"] = "2",
            ["Input.IsBoardMember"] = "true",
            ["Input.Version"] = version,
        });

        Assert.Contains("Le nombre de voix d'un siège est compris entre 1 et 100", (await Http.ParseAsync(refused)).QuerySelector("#Input_VoteWeight-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await secretariat.GetPageAsync($"/conventions/{agreement.Id}");
        Assert.Contains("5 voix au total", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_sees_no_agreement_in_the_list()
    {
        using var stranger = await factory.SignedInAsync(Scenario.Stranger);

        var page = await stranger.GetPageAsync("/");

        Assert.Contains("Vous n'avez accès à aucune convention.", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
