using System.Security.Claims;
using System.Text.Json;
using Copil.Domain.Agreements;
using Copil.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Copil.Web.Data;

/// <summary>
/// Appends an <see cref="AuditEntry"/> for every change, in the same transaction as the change itself,
/// and refuses any edit or deletion of the audit log (the database triggers refuse it too).
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor httpContextAccessor, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SecretProperties = [nameof(CopilUser.PasswordHash), nameof(CopilUser.SecurityStamp), nameof(CopilUser.ConcurrencyStamp), nameof(PersonalAccessToken.TokenHash), nameof(CopilUser.CalendarFeedTokenHash), nameof(Features.Committee.VoteLink.TokenHash), nameof(Features.Notifications.OutboxMessage.SealedBody)];

    // Accents stay readable in the stored JSON.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Name recorded when no person is behind the change (start-up seeding, command line).</summary>
    public const string SystemActor = "système";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Append(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Append(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Append(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var user = httpContextAccessor.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user?.Identity?.Name ?? SystemActor;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        var tracked = context.ChangeTracker.Entries().ToList();
        // Owned rows of a sheet name the sheet, not the agreement: one lookup built once (asking the change tracker per
        // row would detect changes again for every row).
        var sheetAgreements = tracked.Select(e => e.Entity).OfType<Copil.Domain.Actions.ActionSheet>().GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().AgreementId);

        foreach (var entry in tracked)
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only.");
                }

                continue;
            }

            // Notifications are copies of audited changes, and read marks are not changes of the agreement; a reporting
            // year's stamp only names the state of figures audited on their sheets.
            // A stored file is audited through the row that describes it (name, size, SHA-256), never as its bytes.
            if (entry.Entity is DataProtectionKey or Features.Notifications.Notification or Features.Attachments.StoredFile or Api.IdempotentRequest or Features.Reporting.ReportingYear || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var (before, after) = Values(entry);
            if (entry.State == EntityState.Modified && before.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                AgreementId = AgreementIdOf(entry, context, sheetAgreements),
                AtUtc = now,
                UserId = userId,
                UserName = userName,
                Action = entry.State switch
                {
                    EntityState.Added => "Added",
                    EntityState.Deleted => "Deleted",
                    _ => "Modified",
                },
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString())),
                Before = before.Count == 0 ? null : JsonSerializer.Serialize(before, Json),
                After = after.Count == 0 ? null : JsonSerializer.Serialize(after, Json),
            });
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private const string PersonalDataMark = "(donnée personnelle, non journalisée)";

    private static readonly HashSet<string> ContactPersonalData = ["Name", "Function", "Service", "Establishment", "Email", "Phone"];

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Values(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        var properties = entry.Properties.Select(p => (Name: p.Metadata.Name, Entry: p))
            .Concat(entry.ComplexProperties.SelectMany(c => c.Properties.Select(p => (Name: $"{c.Metadata.Name}.{p.Metadata.Name}", Entry: p))));
        foreach (var (name, property) in properties)
        {
            // The sheet's figures summarise its versions and decisions, which are audited themselves; a ceiling's
            // commitment stamp only orders concurrent validations.
            if ((name == nameof(Copil.Domain.Actions.ActionSheet.Figures) && entry.Entity is Copil.Domain.Actions.ActionSheet)
                || name == Features.Reporting.YearCommitmentStamp.PropertyName)
            {
                continue;
            }

            // A person of the directory of art. 11 can be erased on request (GDPR art. 17), and the journal is append-only:
            // it records that the entry changed, never who the person is.
            var personal = entry.Entity is Copil.Domain.Relays.Contact && ContactPersonalData.Contains(name);
            var value = SecretProperties.Contains(name) ? "***" : personal ? PersonalDataMark : property.CurrentValue;
            var original = SecretProperties.Contains(name) ? "***" : personal ? PersonalDataMark : property.OriginalValue;
            switch (entry.State)
            {
                case EntityState.Added:
                    after[name] = value;
                    break;
                case EntityState.Deleted:
                    before[name] = original;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    before[name] = original;
                    after[name] = value;
                    break;
            }
        }

        return (before, after);
    }

    private static Guid? AgreementIdOf(EntityEntry entry, DbContext context, Dictionary<Guid, Guid> sheetAgreements)
    {
        if (entry.Entity is Agreement agreement)
        {
            return agreement.Id;
        }

        if (entry.Metadata.FindProperty("AgreementId") is not null)
        {
            return entry.Property("AgreementId").CurrentValue as Guid? ?? entry.Property("AgreementId").OriginalValue as Guid?;
        }

        if (entry.Metadata.FindProperty("ActionSheetId") is not null && entry.Property("ActionSheetId").CurrentValue is Guid sheetId)
        {
            return sheetAgreements.TryGetValue(sheetId, out var agreementId) ? agreementId : null;
        }

        if (entry.Entity is AmendmentChange change)
        {
            var owner = context.ChangeTracker.Entries<Amendment>().FirstOrDefault(a => a.Entity.Changes.Contains(change));
            return owner?.Property("AgreementId").CurrentValue as Guid?;
        }

        return null;
    }
}
