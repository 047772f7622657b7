using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Domain.Tests.Actions;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.DueDates;

public sealed class DueWindowTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Overdue_opinions_on_a_sheet_are_one_line_and_the_window_is_paged_whatever_the_number_of_sheets()
    {
        var agreement = new AgreementBuilder().WithTerms(AgreementTerms.Seed with { OpinionDelayDays = 21 }).Build();
        agreement.AddAxis("Information", "art. 3");
        var sheets = Enumerable.Range(1, 120).Select(n =>
        {
            var sheet = ActionSheet.Draft(agreement, n, "Fédération", ActionSheetBuilder.Complete(agreement), ActionSheetBuilder.Today).Value;
            sheet.Submit(agreement, ActionSheetBuilder.Today);
            return sheet;
        }).ToList();
        var later = ActionSheetBuilder.Today.AddDays(40);
        var items = ActionSheetDueDates.For(agreement, sheets, later).OrderBy(i => i.DueOn).ToList();

        var first = DueWindow.Of(items, later);
        var third = DueWindow.Of(items, later, overduePage: 3);
        var beyond = DueWindow.Of(items, later, overduePage: 99);

        Assert.Equal(240, first.OverdueCount);
        Assert.Equal(120, first.OverdueGroupCount);
        Assert.Equal(DueWindow.GroupsPerPage, first.Overdue.Count);
        Assert.Equal(3, first.OverduePageCount);
        var line = first.Overdue[0];
        Assert.Equal(2, line.Items.Count);
        Assert.Matches(@"^fiche n° \d+ « .+ » : 2 avis attendus$", line.Title);
        Assert.Equal(20, third.Overdue.Count);
        Assert.Equal(3, beyond.OverduePage);
        Assert.Empty(first.Upcoming);
        Assert.Equal(0, first.PastCount);
    }

    [Fact]
    public void Upcoming_dates_are_paged_apart_from_the_overdue_and_past_ones_only_counted()
    {
        var today = D("2026-03-10");
        var owner = new DueOwner(Copil.Domain.Access.AgreementRole.Secretariat);
        var agreementId = Guid.NewGuid();
        DueItem Item(int n, DateOnly on, bool? done) => new($"k{n}", agreementId, $"échéance {n}", on, owner, "art. 14", null, Statutory: true, Done: done);
        var items = new List<DueItem> { Item(0, today.AddDays(-3), false), Item(1, today.AddDays(-2), true), Item(2, today.AddDays(-1), null) };
        items.AddRange(Enumerable.Range(3, 150).Select(n => Item(n, today.AddDays(n), null)));

        var window = DueWindow.Of(items, today, upcomingPage: 2);

        Assert.Equal(1, window.OverdueCount);
        Assert.Equal("échéance 0", Assert.Single(window.Overdue).Title);
        Assert.Equal(2, window.PastCount);
        Assert.Equal(150, window.UpcomingCount);
        Assert.Equal(50, window.Upcoming.Count);
        Assert.Equal("échéance 103", window.Upcoming[0].Title);
    }

    [Fact]
    public void Dates_counted_by_the_database_merge_with_those_in_memory_in_the_same_order_on_every_page()
    {
        var agreement = new AgreementBuilder().WithTerms(AgreementTerms.Seed with { OpinionDelayDays = 21 }).Build();
        agreement.AddAxis("Information", "art. 3");
        var start = ActionSheetBuilder.Today;
        var sheets = Enumerable.Range(1, 130).Select(n =>
        {
            // Numbers out of submission order, several sheets a day, some days on a weekend.
            var sheet = ActionSheet.Draft(agreement, ((n * 37) % 130) + 1, "Fédération", ActionSheetBuilder.Complete(agreement), start).Value;
            sheet.Submit(agreement, start.AddDays(n % 9));
            return sheet;
        }).ToList();
        var today = start.AddDays(60);
        var sheetItems = ActionSheetDueDates.For(agreement, sheets, today);
        var owner = new DueOwner(Copil.Domain.Access.AgreementRole.Secretariat);
        var others = Enumerable.Range(0, 30).Select(n => new DueItem($"m{n}", agreement.Id, $"réunion {n}", start.AddDays(20 + (n % 12)), owner, "art. 14", null, Statutory: true, Done: false)).ToList();

        for (var page = 1; page <= 4; page++)
        {
            var expected = DueWindow.Of([.. others, .. sheetItems], today, overduePage: page);

            // What the database reads: the first sheets by submission day, then number, and counts of the rest.
            var firstSheets = sheets.OrderBy(s => s.ReviewedVersion!.SubmittedOn).ThenBy(s => s.Number).Take(page * DueWindow.GroupsPerPage).ToList();
            var slice = new DueSlice(sheetItems.Count, sheets.Count, 0, ActionSheetDueDates.For(agreement, firstSheets, today), []);
            var actual = DueWindow.Of(others, today, overduePage: page, counted: slice);

            Assert.Equal(expected.OverdueCount, actual.OverdueCount);
            Assert.Equal(expected.OverdueGroupCount, actual.OverdueGroupCount);
            Assert.Equal(expected.Overdue.Select(g => g.Title), actual.Overdue.Select(g => g.Title));
        }
    }
}
