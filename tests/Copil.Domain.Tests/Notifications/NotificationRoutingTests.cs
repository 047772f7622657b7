using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Domain.Notifications;

namespace Copil.Domain.Tests.Notifications;

public sealed class NotificationRoutingTests
{
    [Theory]
    [InlineData(NoticeKind.Event, false, NotificationDelivery.Immediate, false, NoticeRoute.ListAndEmailNow)]
    [InlineData(NoticeKind.Event, false, NotificationDelivery.DailyDigest, false, NoticeRoute.ListAndDigest)]
    [InlineData(NoticeKind.Event, false, NotificationDelivery.Immediate, true, NoticeRoute.ListAndEmailNow)]
    [InlineData(NoticeKind.Reminder, false, NotificationDelivery.Immediate, false, NoticeRoute.ListAndEmailNow)]
    [InlineData(NoticeKind.Reminder, false, NotificationDelivery.Immediate, true, NoticeRoute.Muted)]
    [InlineData(NoticeKind.Reminder, false, NotificationDelivery.DailyDigest, true, NoticeRoute.Muted)]
    [InlineData(NoticeKind.Reminder, true, NotificationDelivery.Immediate, true, NoticeRoute.ListAndEmailNow)]
    [InlineData(NoticeKind.Reminder, true, NotificationDelivery.DailyDigest, true, NoticeRoute.ListAndDigest)]
    public void Reminders_can_be_muted_but_not_those_of_dates_the_agreement_sets_nor_notices_of_events(
        NoticeKind kind, bool statutory, NotificationDelivery delivery, bool mute, NoticeRoute expected) =>
        Assert.Equal(expected, NotificationRouting.Route(kind, statutory, new NotificationPreferences(delivery, mute)));

    [Fact]
    public void The_daily_digest_goes_from_seven_in_the_morning()
    {
        Assert.Null(NotificationRouting.DigestDay(new DateTime(2026, 3, 10, 6, 59, 59)));
        Assert.Equal(new DateOnly(2026, 3, 10), NotificationRouting.DigestDay(new DateTime(2026, 3, 10, 7, 0, 0)));
        Assert.Equal(new DateOnly(2026, 3, 10), NotificationRouting.DigestDay(new DateTime(2026, 3, 10, 23, 59, 0)));
    }
}

public sealed class ReminderOffsetsTests
{
    [Theory]
    [InlineData("7, 2, 0", new[] { 7, 2, 0 })]
    [InlineData("0,2,7", new[] { 7, 2, 0 })]
    [InlineData("14;3", new[] { 14, 3 })]
    [InlineData("30 15 7 1 0", new[] { 30, 15, 7, 1, 0 })]
    [InlineData("5, 5", new[] { 5 })]
    public void Offsets_are_read_largest_first(string text, int[] expected)
    {
        var terms = AgreementTerms.Seed with { ReminderOffsets = text };

        Assert.Empty(terms.Validate());
        Assert.Equal(expected, terms.ReminderOffsetDays);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sept")]
    [InlineData("-1")]
    [InlineData("91")]
    [InlineData("1, 2, 3, 4, 5, 6")]
    [InlineData("2,5j")]
    public void Unreadable_offsets_are_refused_in_french(string text)
    {
        var error = Assert.Single((AgreementTerms.Seed with { ReminderOffsets = text }).Validate());

        Assert.Equal(nameof(AgreementTerms.ReminderOffsets), error.Field);
        Assert.Contains("entre 0 et 90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agreement_s_own_offsets_decide_when_its_reminders_go()
    {
        var item = new DueItem("k", Guid.NewGuid(), "Bilan annuel 2026", new DateOnly(2027, 4, 30), new DueOwner(AgreementRole.Secretariat), "art. 15", null, Statutory: true);
        var offsets = (AgreementTerms.Seed with { ReminderOffsets = "14, 1" }).ReminderOffsetDays;

        Assert.Empty(Reminders.DueOn([item], new DateOnly(2027, 4, 15), offsets));
        Assert.Equal("k:before:14", Assert.Single(Reminders.DueOn([item], new DateOnly(2027, 4, 16), offsets)).Key);
        // Seven days before is no step of this agreement: still the 14-day reminder, already sent under that key.
        Assert.Equal("k:before:14", Assert.Single(Reminders.DueOn([item], new DateOnly(2027, 4, 23), offsets)).Key);
        Assert.Equal("k:before:1", Assert.Single(Reminders.DueOn([item], new DateOnly(2027, 4, 29), offsets)).Key);
        Assert.Equal("k:before:1", Assert.Single(Reminders.DueOn([item], new DateOnly(2027, 4, 30), offsets)).Key);
    }
}
