using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Reporting;

/// <summary>Art. 15 (lycéens, étudiants, apprentis reached fairly) and art. 8 (women and men), and the dashboard's breakdowns.</summary>
public sealed class BalanceAndDashboardTests
{
    [Theory]
    [InlineData(100, 100, 100, true)]
    [InlineData(4000, 1000, 1000, true)]  // 1/6 each for the two smaller: 16,67 % = the threshold itself
    [InlineData(4000, 999, 1001, false)]
    [InlineData(100, 0, 100, false)]
    public void Each_of_the_three_publics_must_receive_at_least_half_of_an_equal_share(long pupils, long students, long apprentices, bool balanced)
    {
        var balance = new YouthBalance(pupils, students, apprentices);

        Assert.Equal(balanced, balance.IsBalanced);
        Assert.Equal(balanced, balance.UnderServed.Count == 0);
        Assert.Contains("art. 15", balance.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_counted_gives_no_judgement()
    {
        Assert.Null(new YouthBalance(0, 0, 0).IsBalanced);
        Assert.Null(new GenderBalance(0, 0, 12).IsBalanced);
        Assert.Null(new GenderBalance(0, 0, 12).WomenShare);
    }

    [Theory]
    [InlineData(40, 60, true)]
    [InlineData(60, 40, true)]
    [InlineData(39, 61, false)]
    [InlineData(61, 39, false)]
    public void Either_sex_under_40_percent_is_flagged_and_unknown_sex_is_left_out(long women, long men, bool balanced)
    {
        var gender = new GenderBalance(women, men, Unknown: 500);

        Assert.Equal(balanced, gender.IsBalanced);
        Assert.Equal((int)(women * 100), gender.WomenShare);
        Assert.Contains("art. 8", gender.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_breaks_down_the_year_and_counts_a_multi_region_action_in_each_region()
    {
        var axis = Guid.NewGuid();
        var actions = new[]
        {
            Figures.Committed(10_000_00, axis: axis, regions: ["28", "32"]).WithReport(true, 9_000_00,
                new BeneficiaryCount(TargetPublic.HighSchoolPupils, 300, 120, 180, 3), new BeneficiaryCount(TargetPublic.Apprentices, 100, 30, 60, 0)) with
            {
                Targets = [new(TargetPublic.HighSchoolPupils, 250), new(TargetPublic.Apprentices, 150)],
                Report = new CompletionReportContent([new("Visiteurs", "personnes", 400, 380, null)],
                    [new(TargetPublic.HighSchoolPupils, 300, 120, 180, 3), new(TargetPublic.Apprentices, 100, 30, 60, 0)], [], "ok"),
            },
            Figures.Committed(5_000_00, axis: axis, regions: ["28"]) with { Targets = [new(TargetPublic.Students, 200)], Indicators = [new("visiteurs ", "Personnes", 200, "billetterie")] },
            Figures.Committed(7_000_00, regions: [], level: ActionLevel.National),
            Figures.Asked(3_000_00),
            Figures.Committed(1_000_00, year: 2020),
        };

        var d = Dashboard.Compute(2021, new DashboardFilter(), actions, 50_000_00, new Dictionary<Guid, string> { [axis] = "Découverte des métiers" }, code => $"R{code}");

        Assert.Equal(4, d.ActionCount);
        Assert.Equal([("national", 2), ("R28", 2), ("R32", 1)], d.ByTerritory.Select(r => (r.Key == Dashboard.NationalKey ? "national" : r.Label, r.Actions)));
        Assert.Equal(15_000_00, d.ByAxis.Single(r => r.Label == "Découverte des métiers").CommittedCents);
        Assert.Equal(2, d.ByAxis.Count);
        var pupils = d.Publics.Single(p => p.Public == TargetPublic.HighSchoolPupils);
        Assert.Equal((250L, 300L, 120L, 180L), (pupils.Targeted, pupils.Reached, pupils.Women, pupils.Men));
        Assert.Equal(new YouthBalance(250, 200, 150), d.YouthTargeted);
        Assert.Equal(new YouthBalance(300, 0, 100), d.YouthReached);
        Assert.Equal(new GenderBalance(150, 240, 10), d.Gender);
        // "Visiteurs" and "visiteurs " in "Personnes" are the same indicator; only the reported action counts in the rate.
        var visitors = Assert.Single(d.Indicators);
        Assert.Equal((600L, 380L, 2, 1, 9500), (visitors.Target, visitors.Achieved, visitors.Actions, visitors.Reported, visitors.RateBasisPoints));
        Assert.Equal(22_000_00, d.Money.CommittedCents);
    }

    [Fact]
    public void Filters_narrow_the_breakdowns_but_money_stays_the_whole_year()
    {
        var axis = Guid.NewGuid();
        var actions = new[] { Figures.Committed(10_000_00, axis: axis, regions: ["28"]), Figures.Committed(5_000_00, regions: ["32"]) };

        var byRegion = Dashboard.Compute(2021, new DashboardFilter(RegionCode: "32"), actions, null, new Dictionary<Guid, string>(), c => c);
        var byAxis = Dashboard.Compute(2021, new DashboardFilter(AxisId: axis), actions, null, new Dictionary<Guid, string>(), c => c);
        var byLevel = Dashboard.Compute(2021, new DashboardFilter(Level: ActionLevel.Local), actions, null, new Dictionary<Guid, string>(), c => c);

        Assert.Equal(1, byRegion.ActionCount);
        Assert.Equal(5_000_00, byRegion.ByStatus.Sum(r => r.CommittedCents));
        Assert.Equal(10_000_00, byAxis.ByStatus.Sum(r => r.CommittedCents));
        Assert.Equal(0, byLevel.ActionCount);
        Assert.Equal(15_000_00, byRegion.Money.CommittedCents);
    }
}
