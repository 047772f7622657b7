using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>The states of the outbox as people see them.</summary>
public enum OutboxView
{
    /// <summary>Waiting for their first attempt, or being sent.</summary>
    Waiting = 0,

    /// <summary>Tried and not delivered yet: retried with backoff.</summary>
    Failing = 1,

    Refused = 2,

    Sent = 3,

    /// <summary>Held after a restore: sent or dropped by an administrator.</summary>
    Held = 4,
}

public sealed record OutboxCounts(int Waiting, int Failing, int Refused, int Sent, int Held);

/// <summary>The outbox for the administrator (every agreement) and the secretariat (its agreement): what waits, fails, was refused or sent.</summary>
public sealed class OutboxQueries(CopilDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    private IQueryable<OutboxMessage> Of(Guid? agreementId) =>
        agreementId is { } id ? db.Set<OutboxMessage>().Where(m => m.AgreementId == id) : db.Set<OutboxMessage>();

    private static IQueryable<OutboxMessage> In(IQueryable<OutboxMessage> query, OutboxView view) => view switch
    {
        OutboxView.Waiting => query.Where(m => m.Status == OutboxStatus.Sending || (m.Status == OutboxStatus.Pending && m.LastError == null)),
        OutboxView.Failing => query.Where(m => m.Status == OutboxStatus.Pending && m.LastError != null),
        OutboxView.Refused => query.Where(m => m.Status == OutboxStatus.Refused),
        OutboxView.Held => query.Where(m => m.Status == OutboxStatus.Held),
        _ => query.Where(m => m.Status == OutboxStatus.Sent),
    };

    /// <summary>The refused e-mails of an agreement (its page warns of them), on the (AgreementId, Status) index.</summary>
    public Task<int> RefusedCountAsync(Guid agreementId, CancellationToken ct = default) =>
        db.Set<OutboxMessage>().CountAsync(m => m.AgreementId == agreementId && m.Status == OutboxStatus.Refused, ct);

    /// <summary>How many e-mails in each state: one grouped query (the agreement page shows the refused ones).</summary>
    public async Task<OutboxCounts> CountsAsync(Guid? agreementId, CancellationToken ct = default)
    {
        var groups = await Of(agreementId).GroupBy(m => new { m.Status, Failed = m.LastError != null })
            .Select(g => new { g.Key.Status, g.Key.Failed, Count = g.Count() }).ToListAsync(ct);
        int Sum(Func<OutboxStatus, bool, bool> of) => groups.Where(g => of(g.Status, g.Failed)).Sum(g => g.Count);
        return new OutboxCounts(
            Sum((status, failed) => status == OutboxStatus.Sending || (status == OutboxStatus.Pending && !failed)),
            Sum((status, failed) => status == OutboxStatus.Pending && failed),
            Sum((status, _) => status == OutboxStatus.Refused), Sum((status, _) => status == OutboxStatus.Sent), Sum((status, _) => status == OutboxStatus.Held));
    }

    public Task<List<OutboxMessage>> PageAsync(Guid? agreementId, OutboxView view, int page, CancellationToken ct = default) =>
        In(Of(agreementId), view).OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(ct);

    /// <summary>
    /// Puts a failing, refused or held e-mail back in the queue for now (e.g. once the address was corrected on the
    /// server side, or after a restore). A sent e-mail is never sent again from here. Returns false when there is no
    /// such e-mail to retry.
    /// </summary>
    public async Task<bool> RetryAsync(Guid? agreementId, Guid messageId, CancellationToken ct = default)
    {
        var message = await Of(agreementId).FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null || message.Status is not (OutboxStatus.Refused or OutboxStatus.Pending or OutboxStatus.Held))
        {
            return false;
        }

        message.Status = OutboxStatus.Pending;
        message.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Drops an e-mail held after a restore (it had already left, or is no longer wanted): kept as refused, with who dropped it.</summary>
    public async Task<bool> DropAsync(Guid? agreementId, Guid messageId, string by, CancellationToken ct = default)
    {
        var message = await Of(agreementId).FirstOrDefaultAsync(m => m.Id == messageId && m.Status == OutboxStatus.Held, ct);
        if (message is null)
        {
            return false;
        }

        message.Status = OutboxStatus.Refused;
        message.LastError = $"Abandonné par {by} après une restauration, le {Infrastructure.Clock.ToParis(clock.GetUtcNow().UtcDateTime):dd/MM/yyyy à HH:mm}.";
        await db.SaveChangesAsync(ct);
        return true;
    }
}
