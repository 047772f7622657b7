using System.Text;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Relays;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Relays;

/// <summary>
/// The shared directory of art. 11 and the relays of each action: pages and API call these. The secretariat and the
/// ministries' directorates keep the directory; every member reads it, filtered by territory. A person added is told
/// (GDPR art. 14), can be exported and erased, and is erased a set time after the agreement ends.
/// </summary>
public sealed class ContactCommands(CopilDbContext db, AgreementReader agreements, TimeProvider clock, Outbox outbox, IConfiguration configuration)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Ce contact n'existe pas.");

    public DateOnly Today => clock.TodayInParis();

    /// <summary>Months the directory keeps a person after the agreement has ended (<c>Relays:ContactRetentionMonths</c>, 12 by default).</summary>
    public int RetentionMonths => Math.Clamp(configuration.GetValue("Relays:ContactRetentionMonths", 12), 0, 120);

    public static bool MayKeepDirectory(AgreementGrant grant) =>
        grant.IsAdministrator || grant.Memberships.Any(m => m.Role is AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate);

    public async Task<List<Contact>> ListAsync(Guid agreementId, string? regionCodes, CancellationToken ct = default)
    {
        var regions = (regionCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var query = db.Set<Contact>().AsNoTracking().Where(c => c.AgreementId == agreementId);
        if (regions.Length > 0)
        {
            query = query.Where(c => regions.Contains(c.RegionCode));
        }

        return [.. (await query.ToListAsync(ct)).OrderBy(c => c.TerritoryName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false)).ThenBy(c => c.Kind).ThenBy(c => c.Name)];
    }

    public async Task<Result<Contact>> AddAsync(Guid agreementId, AgreementGrant grant, Actor actor, ContactInput input, CancellationToken ct = default)
    {
        if (!MayKeepDirectory(grant))
        {
            return DomainError.Forbidden("contact.forbidden", "L'annuaire est tenu par le secrétariat et les directions des ministères.");
        }

        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var added = Contact.Add(agreement, input, Today);
        if (added.IsFailure)
        {
            return added;
        }

        var contact = added.Value;
        db.Add(contact);
        if (contact.Email is not null)
        {
            // GDPR art. 14: the data did not come from the person; they are told within a month, here at once.
            await outbox.EnqueueAsync($"contact-notice:{contact.Id}", agreementId, contact.Email, contact.Name,
                $"[{agreement.Reference}] Vos coordonnées dans l'annuaire de la convention", NoticeText(agreement, contact, actor), ct);
            contact.MarkInformed(Today);
        }

        await db.SaveChangesAsync(ct);
        return contact;
    }

    /// <summary>Erases a person on request (the journal never kept who they were: see the audit interceptor).</summary>
    public async Task<Result> EraseAsync(Guid agreementId, Guid contactId, AgreementGrant grant, CancellationToken ct = default)
    {
        if (!MayKeepDirectory(grant))
        {
            return DomainError.Forbidden("contact.forbidden", "L'annuaire est tenu par le secrétariat et les directions des ministères.");
        }

        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == contactId && c.AgreementId == agreementId, ct);
        if (contact is null)
        {
            return NotFound;
        }

        db.Remove(contact);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>Erases the contacts of every agreement ended longer ago than the retention period; returns how many.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var agreementIds = await db.Set<Contact>().Select(c => c.AgreementId).Distinct().ToListAsync(ct);
        var due = (await agreements.LoadManyAsync(agreementIds, ct)).Where(a => ContactRetention.IsDue(a, RetentionMonths, Today)).Select(a => a.Id).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        // Through the change tracker, so that each erasure is journaled (without the person's data).
        var expired = await db.Set<Contact>().Where(c => due.Contains(c.AgreementId)).ToListAsync(ct);
        db.RemoveRange(expired);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    /// <summary>The directory as CSV (semicolon, UTF-8 with BOM: opens in a French spreadsheet).</summary>
    public static byte[] Csv(Agreement agreement, IEnumerable<Contact> contacts) =>
        Documents.Spreadsheets.Csv(["Région académique", "Type", "Signataire ou établissement", "Nom", "Fonction", "Service", "Courriel", "Téléphone"],
            contacts.Select(c => (IReadOnlyList<object?>)[c.TerritoryName, KindLabel(c.Kind), Represents(agreement, c), c.Name, c.Function, c.Service, c.Email, c.Phone]));

    /// <summary>The directory as vCards 4.0 (RFC 6350), one per person, for an address book.</summary>
    public static byte[] VCards(Agreement agreement, IEnumerable<Contact> contacts)
    {
        var text = new StringBuilder();
        foreach (var c in contacts)
        {
            text.Append("BEGIN:VCARD\r\nVERSION:4.0\r\n");
            text.Append("FN:").Append(Escape(c.Name)).Append("\r\n");
            text.Append("ORG:").Append(Escape(Represents(agreement, c))).Append(';').Append(Escape(c.Service)).Append("\r\n");
            text.Append("TITLE:").Append(Escape(c.Function)).Append("\r\n");
            if (c.Email is not null)
            {
                text.Append("EMAIL;TYPE=work:").Append(Escape(c.Email)).Append("\r\n");
            }

            if (c.Phone is not null)
            {
                text.Append("TEL;TYPE=work:").Append(Escape(c.Phone)).Append("\r\n");
            }

            text.Append("NOTE:").Append(Escape($"{KindLabel(c.Kind)} — {c.TerritoryName} — convention {agreement.Reference}")).Append("\r\n");
            text.Append("END:VCARD\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string KindLabel(ContactKind kind) => kind == ContactKind.RegionalRepresentative ? "Représentant régional" : "Enseignement supérieur";

    public static string Represents(Agreement agreement, Contact c) =>
        c.Kind == ContactKind.RegionalRepresentative ? agreement.PartyById(c.PartyId ?? Guid.Empty)?.ShortName ?? "" : c.Establishment ?? "";

    private string NoticeText(Agreement agreement, Contact contact, Actor actor) =>
        $"""
        Bonjour,

        {actor.Name} a inscrit vos coordonnées professionnelles (nom, fonction, service, adresse électronique{(contact.Phone is null ? "" : ", téléphone")}) dans l'annuaire des relais régionaux de la convention de coopération {agreement.Reference}, pour la région académique {contact.TerritoryName}.

        Finalité : permettre aux signataires de la convention de vous solliciter pour relayer et conduire ses actions dans votre territoire (article 11 de la convention). Base légale : mission d'intérêt public.
        Destinataires : les personnes habilitées sur cette convention dans Copil.
        Durée de conservation : jusqu'à {RetentionMonths} mois après la fin de la convention.

        Conformément au RGPD (article 14), vous pouvez accéder à ces données, les faire rectifier ou effacer, ou vous opposer à leur traitement, en écrivant au secrétariat de la convention. Vous pouvez aussi adresser une réclamation à la CNIL.
        """;

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>The relays of an action in the signatories' networks (art. 11).</summary>
public sealed class RelayCommands(CopilDbContext db, TimeProvider clock)
{
    public Task<List<Relay>> ForSheetAsync(Guid agreementId, Guid sheetId, CancellationToken ct = default) =>
        db.Set<Relay>().AsNoTracking().Where(r => r.AgreementId == agreementId && r.ActionSheetId == sheetId).OrderByDescending(r => r.On).ToListAsync(ct);

    /// <summary>The relays of a sheet the caller sees (a stranger to the sheet gets "not found").</summary>
    public async Task<Result<List<Relay>>> VisibleForSheetAsync(Guid agreementId, Guid sheetId, AgreementGrant grant, CancellationToken ct = default)
    {
        var sheet = await db.ActionSheets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sheetId && s.AgreementId == agreementId, ct);
        return sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator)
            ? DomainError.NotFound("Cette fiche action n'existe pas.")
            : await ForSheetAsync(agreementId, sheetId, ct);
    }

    /// <summary>Any member who sees the action may record that their network relayed it (art. 11: each signatory relays in its network).</summary>
    public async Task<Result<Relay>> RecordAsync(Guid agreementId, Guid sheetId, AgreementGrant grant, Actor actor, string? network, DateOnly? on, string? means, CancellationToken ct = default)
    {
        var sheet = await db.ActionSheets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sheetId && s.AgreementId == agreementId, ct);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return DomainError.NotFound("Cette fiche action n'existe pas.");
        }

        var recorded = Relay.Record(agreementId, sheetId, network, on, means, actor.Name, clock.TodayInParis());
        if (recorded.IsSuccess)
        {
            db.Add(recorded.Value);
            await db.SaveChangesAsync(ct);
        }

        return recorded;
    }
}
