using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.Communication;

/// <summary>
/// A declared use of a ministry's logo on a material: from a day, until a day or still running. A use is recorded even
/// when nothing covers it (nothing typed is lost): it is then a risk of caducité the secretariat and the ministry must
/// see (art. 11).
/// </summary>
public sealed class LogoUse
{
    public const int MaxTitleLength = 300;

    private LogoUse() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid MinistryPartyId { get; private set; }

    public string MaterialTitle { get; private set; } = "";

    /// <summary>The action the material belongs to, if any.</summary>
    public Guid? ActionSheetId { get; private set; }

    /// <summary>The authorisation the declarer says covers the use, if they name one.</summary>
    public Guid? AuthorizationId { get; private set; }

    public DateOnly From { get; private set; }

    /// <summary>The last day of use; null while the material is still in use.</summary>
    public DateOnly? Until { get; private set; }

    public DateOnly DeclaredOn { get; private set; }

    public string DeclaredByUserId { get; private set; } = "";

    public string DeclaredBy { get; private set; } = "";

    public int Version { get; private set; }

    public static Result<LogoUse> Declare(
        Agreement agreement, Guid ministryPartyId, string? materialTitle, Guid? actionSheetId, Guid? authorizationId,
        DateOnly? from, DateOnly? until, string declaredByUserId, string declaredBy, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (agreement.Parties.FirstOrDefault(p => p.Id == ministryPartyId) is not { IsState: true })
        {
            errors.Add(new("logo-use.ministry", "Choisissez le ministère dont le logo figure sur le support.", "MinistryPartyId"));
        }

        if (string.IsNullOrWhiteSpace(materialTitle) || materialTitle.Trim().Length > MaxTitleLength || SaneInput.HasControlCharacter(materialTitle, multiline: false))
        {
            errors.Add(new("logo-use.title", $"Indiquez le support qui porte le logo ({MaxTitleLength} caractères au plus).", "MaterialTitle"));
        }

        if (from is null)
        {
            errors.Add(new("logo-use.from.required", "Indiquez depuis quand le support porte le logo.", "From"));
        }
        else if (!SaneInput.IsSaneDate(from.Value))
        {
            errors.Add(new("logo-use.from.range", SaneInput.DateRangeMessage, "From"));
        }

        if (until is { } u && (!SaneInput.IsSaneDate(u) || (from is { } f && u < f)))
        {
            errors.Add(new("logo-use.until", "La fin de l'usage ne peut pas précéder son début.", "Until"));
        }

        if (errors.Count > 0)
        {
            return Result<LogoUse>.Failure(errors);
        }

        return new LogoUse
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            MinistryPartyId = ministryPartyId,
            MaterialTitle = materialTitle!.Trim(),
            ActionSheetId = actionSheetId,
            AuthorizationId = authorizationId,
            From = from!.Value,
            Until = until,
            DeclaredOn = today,
            DeclaredByUserId = declaredByUserId,
            DeclaredBy = declaredBy,
            Version = 1,
        };
    }

    /// <summary>Records the last day of use (the material is withdrawn).</summary>
    public Result End(DateOnly? until)
    {
        if (until is not { } u || !SaneInput.IsSaneDate(u) || u < From)
        {
            return Result.Failure(new DomainError("logo-use.until", "La fin de l'usage ne peut pas précéder son début.", "Until"));
        }

        Until = u;
        Version++;
        return Result.Success();
    }
}

/// <summary>Whether a use is covered, by which authorisation, and if not why, in French.</summary>
public sealed record LogoCoverage(bool Covered, Guid? AuthorizationId, string Finding);

/// <summary>
/// Art. 11: a use of a ministry's logo is covered only when one authorisation of that ministry, granted, covers every day
/// of the use: from its first day to its last, or to <c>today</c> for a use still running (a running use that outlives
/// its authorisation is uncovered from the day after it ends).
/// </summary>
public static class LogoCoverageRule
{
    public static LogoCoverage Assess(LogoUse use, IEnumerable<LogoAuthorization> authorisations, string ministryName, DateOnly today)
    {
        var until = use.Until ?? (today > use.From ? today : use.From);
        var ofMinistry = authorisations.Where(a => a.MinistryPartyId == use.MinistryPartyId && a.AgreementId == use.AgreementId).ToList();
        if (use.AuthorizationId is { } named)
        {
            var authorisation = ofMinistry.FirstOrDefault(a => a.Id == named);
            if (authorisation is null)
            {
                return new(false, null, $"L'autorisation indiquée n'est pas une autorisation du {ministryName} pour cette convention : l'usage n'est pas couvert (art. 11).");
            }

            return authorisation.Covers(use.From, until)
                ? new(true, authorisation.Id, Covering(authorisation))
                : new(false, authorisation.Id, WhyNot(authorisation, use.From, until));
        }

        if (ofMinistry.FirstOrDefault(a => a.Covers(use.From, until)) is { } covering)
        {
            return new(true, covering.Id, Covering(covering));
        }

        // The closest miss explains best: a granted one that overlaps, else any granted, else a pending one.
        var closest = ofMinistry.Where(a => a.Status == LogoAuthorizationStatus.Granted)
            .OrderByDescending(a => a.ValidUntil >= use.From && a.ValidFrom <= until)
            .ThenByDescending(a => a.ValidUntil)
            .FirstOrDefault()
            ?? ofMinistry.FirstOrDefault(a => a.Status == LogoAuthorizationStatus.Requested);
        return closest is null
            ? new(false, null, $"Aucune autorisation écrite du {ministryName} ne couvre cet usage : la convention risque d'être caduque (art. 11).")
            : new(false, closest.Id, WhyNot(closest, use.From, until));
    }

    private static string Covering(LogoAuthorization a) =>
        $"Couvert par l'autorisation n° {a.Number}, du {FrenchText.Date(a.ValidFrom!.Value)} au {FrenchText.Date(a.ValidUntil!.Value)}.";

    private static string WhyNot(LogoAuthorization a, DateOnly from, DateOnly until) => a.Status switch
    {
        LogoAuthorizationStatus.Requested => $"L'autorisation n° {a.Number} est demandée mais pas encore accordée : l'usage n'est pas couvert (art. 11).",
        LogoAuthorizationStatus.Refused => $"L'autorisation n° {a.Number} a été refusée : l'usage n'est pas couvert (art. 11).",
        LogoAuthorizationStatus.Withdrawn => $"La demande n° {a.Number} a été retirée : l'usage n'est pas couvert (art. 11).",
        _ when from < a.ValidFrom => $"L'autorisation n° {a.Number} ne prend effet que le {FrenchText.Date(a.ValidFrom!.Value)} : l'usage du {FrenchText.Date(from)} n'est pas couvert (art. 11).",
        _ when until > a.ValidUntil => $"L'autorisation n° {a.Number} a pris fin le {FrenchText.Date(a.ValidUntil!.Value)} : l'usage après cette date n'est pas couvert (art. 11).",
        _ => $"L'autorisation n° {a.Number} ne couvre pas cet usage (art. 11).",
    };
}
