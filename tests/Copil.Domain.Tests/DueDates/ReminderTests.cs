using Copil.Domain.Access;
using Copil.Domain.DueDates;

namespace Copil.Domain.Tests.DueDates;

public class ReminderTests
{
    private static readonly DueItem Report = new("k", Guid.Empty, "Fiche de réalisation", new DateOnly(2026, 4, 29), new DueOwner(AgreementRole.ActionCarrier, Organisation: "Campus"), "art. 15", null, Statutory: true, Done: false);

    [Theory]
    [InlineData("2026-04-21", null)]
    [InlineData("2026-04-22", "k:before:7")]
    [InlineData("2026-04-25", "k:before:7")]
    [InlineData("2026-04-27", "k:before:2")]
    [InlineData("2026-04-29", "k:before:0")]
    [InlineData("2026-04-30", "k:overdue:0")]
    [InlineData("2026-05-06", "k:overdue:0")]
    [InlineData("2026-05-07", "k:overdue:1")]
    public void A_reminder_is_due_at_the_nearest_offset_reached_then_weekly_when_overdue(string today, string? key)
    {
        var reminders = Reminders.DueOn([Report], DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(key, reminders.SingleOrDefault()?.Key);
    }

    [Fact]
    public void Nothing_is_recalled_once_done_and_a_date_not_known_to_be_missed_is_not_chased()
    {
        var done = Report with { Done = true };
        var unknown = Report with { Done = null };

        Assert.Empty(Reminders.DueOn([done], new DateOnly(2026, 4, 27)));
        Assert.Empty(Reminders.DueOn([unknown], new DateOnly(2026, 5, 2)));
        Assert.Single(Reminders.DueOn([unknown], new DateOnly(2026, 4, 27)));
    }

    [Theory]
    [InlineData("2026-05-07", "2026-12-31", "k:overdue:1")]
    [InlineData("2026-05-07", "2026-05-07", "k:overdue:1")]
    [InlineData("2026-05-07", "2026-05-06", null)]
    [InlineData("2026-04-27", "2026-04-01", "k:before:2")]
    public void Once_the_agreement_has_ended_a_missed_date_is_no_longer_recalled_but_a_coming_one_still_is(string today, string lastDayInForce, string? key)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var last = DateOnly.Parse(lastDayInForce, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(key, Reminders.DueOn([Report], day, lastDayInForce: last).SingleOrDefault()?.Key);
    }
}
