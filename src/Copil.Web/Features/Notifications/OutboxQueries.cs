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
}

public sealed record OutboxCounts(int Waiting, int Failing, int Refused, int Sent);

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
        _ => query.Where(m => m.Status == OutboxStatus.Sent),
    };

    public async Task<OutboxCounts> CountsAsync(Guid? agreementId, CancellationToken ct = default)
    {
        var query = Of(agreementId);
        return new OutboxCounts(
            await In(query, OutboxView.Waiting).CountAsync(ct), await In(query, OutboxView.Failing).CountAsync(ct),
            await In(query, OutboxView.Refused).CountAsync(ct), await In(query, OutboxView.Sent).CountAsync(ct));
    }

    public Task<List<OutboxMessage>> PageAsync(Guid? agreementId, OutboxView view, int page, CancellationToken ct = default) =>
        In(Of(agreementId), view).OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(ct);

    /// <summary>
    /// Puts a failing or refused e-mail back in the queue for now (e.g. once the address was corrected on the server
    /// side). A sent e-mail is never sent again from here. Returns false when there is no such e-mail to retry.
    /// </summary>
    public async Task<bool> RetryAsync(Guid? agreementId, Guid messageId, CancellationToken ct = default)
    {
        var message = await Of(agreementId).FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null || message.Status is not (OutboxStatus.Refused or OutboxStatus.Pending))
        {
            return false;
        }

        message.Status = OutboxStatus.Pending;
        message.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
