using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Reporting;

public sealed class FigureReconciliationTests
{
    [Fact]
    public void The_dashboard_and_the_report_of_a_year_meet_line_by_line_when_they_count_differently()
    {
        var decided2021 = new DateOnly(2021, 2, 1);
        var actions = new[]
        {
            // Of 2021, validated in 2021, then changed (+1,000 €).
            Figures.Committed(10_000_00, inForceCents: 11_000_00) with { CommitteeValidatedOn = decided2021 },
            // Of 2021, validated in December 2020.
            Figures.Committed(5_000_00) with { CommitteeValidatedOn = new DateOnly(2020, 12, 8) },
            // Of 2022, validated in 2021.
            Figures.Committed(7_000_00, year: 2022) with { CommitteeValidatedOn = new DateOnly(2021, 12, 7) },
            // Of 2021, validated in 2021, then abandoned: no longer committed.
            Figures.Committed(3_000_00, status: ActionStatus.Abandoned) with { CommitteeValidatedOn = decided2021 },
            // Of 2021, still in review.
            Figures.Asked(2_000_00),
        };

        var r = FigureReconciliation.Compute(2021, actions);
        var dashboard = Dashboard.Compute(2021, new DashboardFilter(), actions, null, new Dictionary<Guid, string>(), c => c);
        var report = AnnualReportFigures.Compute(2021, actions, null, [], c => c);

        Assert.Equal((4, 2, 2), (r.Asked, r.Committed, r.AskedNotCommitted));
        Assert.Equal((1, 1), (r.CommittedValidatedDuringYear, r.CommittedValidatedAnotherYear));
        Assert.Equal((3, 1, 1), (r.ValidatedDuringYear, r.ValidatedDuringYearForAnotherYear, r.ValidatedDuringYearNoLongerCommitted));
        Assert.Equal((16_000_00, 10_000_00, 1_000_00, 5_000_00), (r.CommittedCents, r.FirstApprovalCentsOfBoth, r.ChangesCentsOfBoth, r.CommittedCentsValidatedAnotherYear));
        Assert.Equal((20_000_00, 10_000_00), (r.ValidatedDuringYearCents, r.ValidatedDuringYearCentsNotInYear));
        // Each view's own figure is the reconciliation's.
        Assert.Equal((dashboard.ActionCount, dashboard.CommittedCount, dashboard.Money.CommittedCents), (r.Asked, r.Committed, r.CommittedCents));
        Assert.Equal((report.Actions.Count, report.ValidatedDuringYear, report.ValidatedDuringYearCents), (r.Committed, r.ValidatedDuringYear, r.ValidatedDuringYearCents));
        Assert.Equal("3 actions validées au cours de 2021 (bilan annuel) = 1 engagée en 2021 + 1 commençant une autre année + 1 qui n'est plus engagée (refusée par le conseil d'administration ou abandonnée).", r.Lines[2]);
    }
}
