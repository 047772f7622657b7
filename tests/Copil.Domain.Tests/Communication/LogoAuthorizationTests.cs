using Copil.Domain.Agreements;
using Copil.Domain.Communication;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Communication;

/// <summary>Art. 11: the ministries' logos only with their express written authorisation, which states its duration.</summary>
public class LogoAuthorizationTests
{
    private static readonly DateOnly Today = new(2021, 6, 1);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static (Agreement Agreement, LogoAuthorization Authorisation) Requested(Guid? actionId = null)
    {
        var agreement = new AgreementBuilder().Build();
        var request = LogoAuthorization.Request(agreement, 1, agreement.Parties[0].Id,
            [new LogoMaterialInput("Affiche « Les métiers du transport »", MaterialKind.Print, "Affiche A2 pour les collèges, logo en pied de page.", actionId is null ? [] : [actionId.Value])],
            D("2021-06-01"), D("2021-12-31"), "user-1", "Claire Porteur", "OPCO Mobilités", Today);
        Assert.True(request.IsSuccess, string.Join(" ", request.Errors.Select(e => e.Message)));
        return (agreement, request.Value);
    }

    [Fact]
    public void A_request_is_pending_and_covers_nothing_until_granted()
    {
        var (_, authorisation) = Requested();

        Assert.Equal(LogoValidity.Pending, authorisation.ValidityOn(D("2021-07-01")));
        Assert.False(authorisation.Covers(D("2021-07-01"), D("2021-07-01")));
    }

    [Theory]
    [InlineData("2021-06-30", LogoValidity.NotYetValid)]
    [InlineData("2021-07-01", LogoValidity.Valid)]
    [InlineData("2021-12-31", LogoValidity.Valid)]
    [InlineData("2022-01-01", LogoValidity.Expired)]
    public void A_granted_authorisation_is_valid_from_its_first_to_its_last_day_inclusive(string day, LogoValidity expected)
    {
        var (agreement, authorisation) = Requested();

        Assert.True(authorisation.Grant(agreement, D("2021-07-01"), D("2021-12-31"), null, "DGESCO", Today).IsSuccess);

        Assert.Equal(expected, authorisation.ValidityOn(D(day)));
    }

    [Fact]
    public void A_grant_without_an_end_date_is_refused_because_the_authorisation_states_its_duration()
    {
        var (agreement, authorisation) = Requested();

        var result = authorisation.Grant(agreement, D("2021-07-01"), null, null, "DGESCO", Today);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ValidUntil", error.Field);
        Assert.Contains("durée", error.Message);
        Assert.Equal(LogoAuthorizationStatus.Requested, authorisation.Status);
    }

    [Fact]
    public void A_grant_ending_before_it_starts_or_past_the_agreement_is_refused()
    {
        var (agreement, authorisation) = Requested();

        Assert.Contains(authorisation.Grant(agreement, D("2021-07-01"), D("2021-06-30"), null, "DGESCO", Today).Errors, e => e.Code == "logo.until.before-from");
        // The seed ends on 30 November 2023.
        Assert.Contains(authorisation.Grant(agreement, D("2021-07-01"), D("2023-12-01"), null, "DGESCO", Today).Errors, e => e.Code == "logo.until.after-agreement");
        Assert.True(authorisation.Grant(agreement, D("2021-07-01"), D("2023-11-30"), null, "DGESCO", Today).IsSuccess);
    }

    [Fact]
    public void A_decision_is_taken_once_and_a_refusal_says_why()
    {
        var (agreement, authorisation) = Requested();

        Assert.Contains(authorisation.Refuse(" ", "DGESCO", Today).Errors, e => e.Field == "Reason");
        Assert.True(authorisation.Refuse("Le logo ne peut figurer sur un support commercial.", "DGESCO", Today).IsSuccess);

        Assert.Equal(LogoValidity.Refused, authorisation.ValidityOn(Today));
        Assert.Contains(authorisation.Grant(agreement, Today, D("2021-12-31"), null, "DGESCO", Today).Errors, e => e.Code == "logo.already-decided");
    }

    [Fact]
    public void A_request_names_a_ministry_its_materials_and_the_period_wanted()
    {
        var agreement = new AgreementBuilder().Build();
        var opco = agreement.Parties[2].Id;

        var result = LogoAuthorization.Request(agreement, 1, opco, [new LogoMaterialInput("", MaterialKind.Print, null, null)], D("2021-06-01"), null, "u", "U", "Org", Today);

        Assert.Equal(
            ["MinistryPartyId", "WantedUntil", "Materials[0].Title", "Materials[0].Description"],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_use_within_the_period_is_covered_a_use_past_the_end_is_not()
    {
        var (agreement, authorisation) = Requested();
        authorisation.Grant(agreement, D("2021-07-01"), D("2021-12-31"), null, "DGESCO", Today);
        var ministry = agreement.Parties[0].Id;

        var within = LogoUse.Declare(agreement, ministry, "Affiche", null, null, D("2021-09-01"), D("2021-10-31"), "u", "U", Today).Value;
        var pastEnd = LogoUse.Declare(agreement, ministry, "Affiche", null, null, D("2021-12-01"), D("2022-01-15"), "u", "U", Today).Value;
        var before = LogoUse.Declare(agreement, ministry, "Affiche", null, null, D("2021-06-15"), D("2021-07-15"), "u", "U", Today).Value;

        Assert.True(LogoCoverageRule.Assess(within, [authorisation], "MENJS", Today).Covered);
        var late = LogoCoverageRule.Assess(pastEnd, [authorisation], "MENJS", Today);
        Assert.False(late.Covered);
        Assert.Contains("a pris fin le 31 décembre 2021", late.Finding);
        Assert.Contains("ne prend effet que le 1er juillet 2021", LogoCoverageRule.Assess(before, [authorisation], "MENJS", Today).Finding);
    }

    [Fact]
    public void A_running_use_is_covered_until_its_authorisation_ends_and_uncovered_the_day_after()
    {
        var (agreement, authorisation) = Requested();
        authorisation.Grant(agreement, D("2021-07-01"), D("2021-12-31"), null, "DGESCO", Today);
        var running = LogoUse.Declare(agreement, agreement.Parties[0].Id, "Affiche", null, null, D("2021-09-01"), null, "u", "U", Today).Value;

        Assert.True(LogoCoverageRule.Assess(running, [authorisation], "MENJS", D("2021-12-31")).Covered);
        Assert.False(LogoCoverageRule.Assess(running, [authorisation], "MENJS", D("2022-01-01")).Covered);
    }

    [Fact]
    public void Another_ministrys_authorisation_covers_nothing_and_no_authorisation_is_a_risk_of_caducite()
    {
        var (agreement, authorisation) = Requested();
        authorisation.Grant(agreement, D("2021-07-01"), D("2021-12-31"), null, "DGESCO", Today);
        var otherMinistry = agreement.Parties[1].Id;
        var use = LogoUse.Declare(agreement, otherMinistry, "Affiche", null, null, D("2021-09-01"), D("2021-09-30"), "u", "U", Today).Value;

        var coverage = LogoCoverageRule.Assess(use, [authorisation], "MESRI", Today);

        Assert.False(coverage.Covered);
        Assert.Contains("Aucune autorisation écrite du MESRI", coverage.Finding);
        Assert.Contains("caduque", coverage.Finding);
    }

    [Fact]
    public void A_pending_request_does_not_cover_a_use()
    {
        var (agreement, authorisation) = Requested();
        var use = LogoUse.Declare(agreement, agreement.Parties[0].Id, "Affiche", null, authorisation.Id, D("2021-09-01"), D("2021-09-30"), "u", "U", Today).Value;

        var coverage = LogoCoverageRule.Assess(use, [authorisation], "MENJS", Today);

        Assert.False(coverage.Covered);
        Assert.Contains("pas encore accordée", coverage.Finding);
    }

    [Fact]
    public void Materials_of_an_action_are_covered_only_on_the_days_of_the_authorisation()
    {
        var action = Guid.NewGuid();
        var (agreement, authorisation) = Requested(action);
        authorisation.Grant(agreement, D("2021-07-01"), D("2021-12-31"), null, "DGESCO", Today);

        Assert.True(authorisation.CoversAction(action, D("2021-08-01")));
        Assert.False(authorisation.CoversAction(action, D("2022-01-01")));
        Assert.False(authorisation.CoversAction(Guid.NewGuid(), D("2021-08-01")));
    }
}
