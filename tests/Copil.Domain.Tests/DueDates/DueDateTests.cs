using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Domain.Tests.Actions;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.DueDates;

/// <summary>Every due date of an agreement with its rule and article (art. 14, 15, 17, 18 of the seed).</summary>
public class DueDateTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_annual_report_is_due_before_30_april_moved_earlier_from_a_weekend()
    {
        // Signed 1 December 2020: the report on 2021 is due before 30 April 2022 (a Saturday): Friday 29 April.
        var agreement = new AgreementBuilder().Build();

        var items = AgreementDueDates.For(agreement, D("2022-03-01"));

        var report = Assert.Single(items, i => i.Key.EndsWith(":annual-report:2021", StringComparison.Ordinal));
        Assert.Equal(D("2022-04-29"), report.DueOn);
        Assert.Equal(AgreementRole.Secretariat, report.Owner.Role);
        Assert.Equal("art. 15 : bilan des actions de 2021, adressé avant le 30 avril 2022, cette date exclue", report.Source);
        Assert.True(report.Statutory);
    }

    [Fact]
    public void Each_ministry_s_validation_of_the_annual_report_has_its_own_line_done_once_it_validates_the_version_sent()
    {
        var agreement = new AgreementBuilder().Build();
        var ministries = agreement.Parties.Where(p => p.IsState).ToList();
        bool? DoneOf(IReadOnlyList<DueItem> items, Guid party) => items.Single(i => i.Key.EndsWith($":annual-report:2021:validation:{party}", StringComparison.Ordinal)).Done;

        var notSent = AgreementDueDates.For(agreement, D("2022-03-01"), new Dictionary<int, IReadOnlyCollection<Guid>>());
        var sent = AgreementDueDates.For(agreement, D("2022-05-02"), new Dictionary<int, IReadOnlyCollection<Guid>> { [2021] = [ministries[0].Id] });

        var line = notSent.Single(i => i.Key.EndsWith($":annual-report:2021:validation:{ministries[0].Id}", StringComparison.Ordinal));
        Assert.Equal(D("2022-04-29"), line.DueOn);
        Assert.Equal(new DueOwner(AgreementRole.ReviewingDirectorate, ministries[0].Id), line.Owner);
        Assert.Equal("art. 15 : bilan des actions de 2021 adressé aux signataires pour validation avant le 30 avril 2022, cette date exclue", line.Source);
        Assert.Equal(ministries.Count, notSent.Count(i => i.Key.Contains(":annual-report:2021:validation:", StringComparison.Ordinal)));
        Assert.Null(DoneOf(notSent, ministries[0].Id));
        Assert.True(DoneOf(sent, ministries[0].Id));
        Assert.False(DoneOf(sent, ministries[1].Id));
        Assert.True(sent.Single(i => i.Key.EndsWith($":validation:{ministries[1].Id}", StringComparison.Ordinal) && i.Key.Contains(":2021:", StringComparison.Ordinal)).IsOverdueOn(D("2022-05-02")));
    }

    [Fact]
    public void The_report_on_a_year_whose_deadline_falls_on_sunday_moves_to_friday()
    {
        // 30 April 2028 is a Sunday, 29 April a Saturday: the report on 2027 is due Friday 28 April 2028.
        var agreement = new AgreementBuilder().SignedOn(new DateOnly(2026, 1, 5)).Build();

        var items = AgreementDueDates.For(agreement, D("2027-09-01"));

        Assert.Equal(D("2028-04-28"), items.Single(i => i.Key.EndsWith(":annual-report:2027", StringComparison.Ordinal)).DueOn);
    }

    [Fact]
    public void The_spring_committee_is_due_before_15_june_each_year_in_force()
    {
        var agreement = new AgreementBuilder().Build();

        var items = AgreementDueDates.For(agreement, D("2022-03-01"));

        var spring = Assert.Single(items, i => i.Key.EndsWith(":spring-meeting:2022", StringComparison.Ordinal));
        Assert.Equal(D("2022-06-14"), spring.DueOn);
        Assert.StartsWith("art. 14 : réunion avant le 15 juin 2022", spring.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_end_of_term_and_the_decision_on_what_follows_are_due_dates()
    {
        var agreement = new AgreementBuilder().Build();

        var items = AgreementDueDates.For(agreement, D("2023-03-01"));

        var end = items.Single(i => i.Key.EndsWith(":end", StringComparison.Ordinal));
        Assert.Equal(D("2023-11-30"), end.DueOn);
        Assert.Equal("art. 17 : conclue pour 36 mois à compter du 1er décembre 2020", end.Source);
        var renewal = items.Single(i => i.Key.EndsWith(":renewal-decision", StringComparison.Ordinal));
        Assert.Equal(D("2023-05-30"), renewal.DueOn);
        Assert.False(renewal.Statutory);
    }

    [Fact]
    public void A_notified_termination_replaces_the_end_of_term_and_month_ends_are_kept()
    {
        var agreement = new AgreementBuilder().Build();
        agreement.RecordTermination(agreement.Parties[2].Id, D("2021-12-31"), null, null, D("2022-01-05"));

        var items = AgreementDueDates.For(agreement, D("2022-01-05"));

        var end = items.Single(i => i.Key.EndsWith(":end", StringComparison.Ordinal));
        Assert.Equal(D("2022-02-28"), end.DueOn);
        Assert.Equal("Prise d'effet de la résiliation", end.Title);
        Assert.StartsWith("art. 18 : ", end.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(items, i => i.Key.EndsWith(":renewal-decision", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_are_stable_so_that_a_reminder_is_sent_once()
    {
        var agreement = new AgreementBuilder().Build();

        var first = AgreementDueDates.For(agreement, D("2022-03-01")).Select(i => i.Key);
        var second = AgreementDueDates.For(agreement, D("2022-03-02")).Select(i => i.Key);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Opinions_are_due_only_when_the_agreement_sets_a_delay()
    {
        var withoutDelay = ActionSheetBuilder.Agreement();
        var withDelay = new AgreementBuilder().WithTerms(AgreementTerms.Seed with { OpinionDelayDays = 21 }).Build();
        withDelay.AddAxis("Information", "art. 3");
        var sheetA = ActionSheetBuilder.Submitted(withoutDelay);
        var sheetB = ActionSheet.Draft(withDelay, 1, "Fédération", ActionSheetBuilder.Complete(withDelay), ActionSheetBuilder.Today).Value;
        sheetB.Submit(withDelay, ActionSheetBuilder.Today);

        var none = ActionSheetDueDates.For(withoutDelay, [sheetA], ActionSheetBuilder.Today);
        var due = ActionSheetDueDates.For(withDelay, [sheetB], ActionSheetBuilder.Today);

        Assert.Empty(none);
        Assert.Equal(2, due.Count);
        // Submitted Tuesday 1 March 2022 + 21 days = Tuesday 22 March.
        Assert.All(due, d => Assert.Equal(D("2022-03-22"), d.DueOn));
        Assert.All(due, d => Assert.Equal(AgreementRole.ReviewingDirectorate, d.Owner.Role));
    }

    [Fact]
    public void A_completion_report_is_due_for_the_annual_report_of_the_year_the_action_ended_and_then_overdue()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);

        var item = Assert.Single(ActionSheetDueDates.For(agreement, [sheet], ActionSheetBuilder.Today));

        Assert.Equal(D("2023-04-28"), item.DueOn);
        Assert.Equal(new DueOwner(AgreementRole.ActionCarrier, Organisation: "Fédération du transport"), item.Owner);
        Assert.False(item.IsOverdueOn(D("2023-04-28")));
        Assert.Equal(3, item.DaysOverdueOn(D("2023-05-01")));
    }

    [Fact]
    public void An_owner_concerns_only_the_members_of_that_role_ministry_or_organisation()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var owner = new DueOwner(AgreementRole.ReviewingDirectorate, PartyId: agreement.Parties[0].Id);
        var dgesco = Membership.Create(agreement, "u", AgreementRole.ReviewingDirectorate, null, agreement.Parties[0].Id, null, []).Value;
        var dgesip = Membership.Create(agreement, "u", AgreementRole.ReviewingDirectorate, null, agreement.Parties[1].Id, null, []).Value;

        Assert.True(owner.Concerns([dgesco]));
        Assert.False(owner.Concerns([dgesip]));
    }
}
