namespace Copil.Web.Tests.Support;

/// <summary>
/// The app's clock in tests: set to any instant, forward or back, so that each test of a shared app can place itself
/// on the day it needs whatever ran before it. Only the current instant is faked; nothing here waits on timers.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref _ticks, value.UtcTicks);

    public void Advance(TimeSpan delta) => Interlocked.Add(ref _ticks, delta.Ticks);
}
