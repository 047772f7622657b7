using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Audit;

/// <summary>Reads the audit log of one agreement, newest first, by keyset pages (fast however long the log grows).</summary>
public sealed class AuditLog(CopilDbContext db)
{
    public Task<List<AuditEntry>> PageAsync(Guid agreementId, long? before, int size, CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.AgreementId == agreementId && (before == null || e.Id < before))
            .OrderByDescending(e => e.Id)
            .Take(size)
            .ToListAsync(ct);
}
