using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.Communication;

/// <summary>What a material linked to the agreement is (support de communication, art. 11).</summary>
public enum MaterialKind
{
    /// <summary>Document imprimé (brochure, affiche, fiche métier).</summary>
    Print = 0,

    /// <summary>Vidéo.</summary>
    Video = 1,

    /// <summary>Site internet ou page web.</summary>
    Website = 2,

    /// <summary>Événement (salon, forum, concours) et sa signalétique.</summary>
    Event = 3,

    /// <summary>Outil numérique (application, plateforme, MOOC).</summary>
    DigitalTool = 4,

    /// <summary>Autre support.</summary>
    Other = 5,
}

/// <summary>
/// A material for which the logo is asked: its title and kind, the actions it belongs to, and what it is (a description,
/// or a file kept as an attachment).
/// </summary>
public sealed record LogoMaterial(Guid Id, string Title, MaterialKind Kind, string? Description, IReadOnlyList<Guid> ActionSheetIds)
{
    public const int MaxTitleLength = 300;

    public const int MaxDescriptionLength = 4000;
}

/// <summary>What a request becomes: the ministry decides once; a refused or expired authorisation calls for a new request.</summary>
public enum LogoAuthorizationStatus
{
    /// <summary>Demandée, en attente de la décision du ministère.</summary>
    Requested = 0,

    /// <summary>Accordée pour une période (début et fin).</summary>
    Granted = 1,

    /// <summary>Refusée, avec un motif.</summary>
    Refused = 2,

    /// <summary>Retirée par le demandeur avant la décision.</summary>
    Withdrawn = 3,
}

/// <summary>Where an authorisation stands on a given day.</summary>
public enum LogoValidity
{
    Pending = 0,
    Refused = 1,
    Withdrawn = 2,

    /// <summary>Accordée, mais pas encore en vigueur ce jour-là.</summary>
    NotYetValid = 3,

    Valid = 4,

    /// <summary>Accordée, mais échue ce jour-là.</summary>
    Expired = 5,
}

/// <summary>
/// An express written authorisation of one ministry to use its logo on some materials, for a stated period (art. 11 of
/// the seed: « une autorisation expresse et écrite … qui précise la durée de cette autorisation »). Using the logo
/// without it makes the agreement void, so the end date is mandatory and nothing covers a day outside the period.
/// </summary>
public sealed class LogoAuthorization
{
    public const string Article = "art. 11";

    private LogoAuthorization() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    /// <summary>Sequential within the agreement, for the register and the letter (« autorisation n° 3 »).</summary>
    public int Number { get; private set; }

    /// <summary>The ministry (a State party) whose logo is asked.</summary>
    public Guid MinistryPartyId { get; private set; }

    public IReadOnlyList<LogoMaterial> Materials { get; private set; } = [];

    public DateOnly WantedFrom { get; private set; }

    public DateOnly WantedUntil { get; private set; }

    public string RequestedByUserId { get; private set; } = "";

    public string RequestedBy { get; private set; } = "";

    /// <summary>The organisation that asks (the carrier's, or the partner's).</summary>
    public string RequestingOrganisation { get; private set; } = "";

    public DateOnly RequestedOn { get; private set; }

    public LogoAuthorizationStatus Status { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidUntil { get; private set; }

    /// <summary>Conditions of use the ministry states with its authorisation (placement, version of the logo…).</summary>
    public string? Conditions { get; private set; }

    public string? RefusalReason { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? DecidedBy { get; private set; }

    /// <summary>The signed letter, when the ministry's own letter is kept rather than the one Copil generates (its stored file).</summary>
    public Guid? SignedLetterAttachmentId { get; private set; }

    public string? SignedLetterFileName { get; private set; }

    public string? SignedLetterContentType { get; private set; }

    public int Version { get; private set; }

    /// <summary>Asks a ministry for its logo on some materials, for a period.</summary>
    public static Result<LogoAuthorization> Request(
        Agreement agreement, int number, Guid ministryPartyId, IReadOnlyList<LogoMaterialInput> materials,
        DateOnly? wantedFrom, DateOnly? wantedUntil, string requestedByUserId, string requestedBy, string requestingOrganisation, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (agreement.Parties.FirstOrDefault(p => p.Id == ministryPartyId) is not { IsState: true })
        {
            errors.Add(new("logo.ministry", "Choisissez le ministère dont le logo est demandé (un ministère signataire de la convention).", "MinistryPartyId"));
        }

        errors.AddRange(CheckPeriod(wantedFrom, wantedUntil, "WantedFrom", "WantedUntil", "la période demandée"));
        var checkedMaterials = new List<LogoMaterial>();
        if (materials.Count == 0)
        {
            errors.Add(new("logo.materials.required", "Décrivez au moins un support sur lequel le logo figurera.", "Materials"));
        }

        for (var i = 0; i < materials.Count; i++)
        {
            var m = materials[i];
            var field = $"Materials[{i}]";
            if (string.IsNullOrWhiteSpace(m.Title) || m.Title.Trim().Length > LogoMaterial.MaxTitleLength || SaneInput.HasControlCharacter(m.Title, multiline: false))
            {
                errors.Add(new("logo.material.title", $"Indiquez le titre du support ({LogoMaterial.MaxTitleLength} caractères au plus, sans caractère invisible).", $"{field}.Title"));
            }

            if (!Enum.IsDefined(m.Kind))
            {
                errors.Add(new("logo.material.kind", "Choisissez le type de support.", $"{field}.Kind"));
            }

            if (string.IsNullOrWhiteSpace(m.Description))
            {
                errors.Add(new("logo.material.description", "Décrivez le support (contenu, diffusion, place du logo) : le ministère autorise ce qu'il a lu.", $"{field}.Description"));
            }
            else if (m.Description.Trim().Length > LogoMaterial.MaxDescriptionLength || SaneInput.HasControlCharacter(m.Description, multiline: true))
            {
                errors.Add(new("logo.material.description.length", $"La description du support tient en {LogoMaterial.MaxDescriptionLength} caractères, sans caractère invisible.", $"{field}.Description"));
            }

            checkedMaterials.Add(new LogoMaterial(Guid.NewGuid(), m.Title?.Trim() ?? "", m.Kind, m.Description?.Trim(), [.. (m.ActionSheetIds ?? []).Distinct()]));
        }

        if (wantedUntil is { } until && agreement.LastDayInForce is { } last && until > last)
        {
            errors.Add(new("logo.wanted-until.after-agreement", $"La période demandée ne peut pas dépasser la fin de la convention, le {FrenchText.Date(last)}.", "WantedUntil"));
        }

        if (errors.Count > 0)
        {
            return Result<LogoAuthorization>.Failure(errors);
        }

        return new LogoAuthorization
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            Number = number,
            MinistryPartyId = ministryPartyId,
            Materials = checkedMaterials,
            WantedFrom = wantedFrom!.Value,
            WantedUntil = wantedUntil!.Value,
            RequestedByUserId = requestedByUserId,
            RequestedBy = requestedBy,
            RequestingOrganisation = requestingOrganisation,
            RequestedOn = today,
            Status = LogoAuthorizationStatus.Requested,
            Version = 1,
        };
    }

    /// <summary>
    /// The ministry grants the use of its logo from <paramref name="from"/> to <paramref name="until"/>, both required: an
    /// authorisation states its duration (art. 11). It may grant a shorter period than asked, never one past the agreement.
    /// </summary>
    public Result Grant(Agreement agreement, DateOnly? from, DateOnly? until, string? conditions, string decidedBy, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (Status != LogoAuthorizationStatus.Requested)
        {
            return Result.Failure(AlreadyDecided());
        }

        errors.AddRange(CheckPeriod(from, until, "ValidFrom", "ValidUntil", "l'autorisation"));
        if (until is { } u && agreement.LastDayInForce is { } last && u > last)
        {
            errors.Add(new("logo.until.after-agreement", $"L'autorisation ne peut pas aller au-delà de la fin de la convention, le {FrenchText.Date(last)}.", "ValidUntil"));
        }

        if (conditions is not null && (conditions.Length > 2000 || SaneInput.HasControlCharacter(conditions, multiline: true)))
        {
            errors.Add(new("logo.conditions", "Les conditions d'usage tiennent en 2 000 caractères, sans caractère invisible.", "Conditions"));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Status = LogoAuthorizationStatus.Granted;
        ValidFrom = from;
        ValidUntil = until;
        Conditions = string.IsNullOrWhiteSpace(conditions) ? null : conditions.Trim();
        DecidedOn = today;
        DecidedBy = decidedBy;
        Version++;
        return Result.Success();
    }

    public Result Refuse(string? reason, string decidedBy, DateOnly today)
    {
        if (Status != LogoAuthorizationStatus.Requested)
        {
            return Result.Failure(AlreadyDecided());
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000 || SaneInput.HasControlCharacter(reason, multiline: true))
        {
            return Result.Failure(new DomainError("logo.refusal.reason", "Indiquez le motif du refus (2 000 caractères au plus) : le demandeur en a besoin pour revoir son support.", "Reason"));
        }

        Status = LogoAuthorizationStatus.Refused;
        RefusalReason = reason.Trim();
        DecidedOn = today;
        DecidedBy = decidedBy;
        Version++;
        return Result.Success();
    }

    public Result Withdraw(DateOnly today)
    {
        if (Status != LogoAuthorizationStatus.Requested)
        {
            return Result.Failure(AlreadyDecided());
        }

        Status = LogoAuthorizationStatus.Withdrawn;
        DecidedOn = today;
        Version++;
        return Result.Success();
    }

    /// <summary>Keeps the ministry's signed letter with the authorisation (granted only: a letter states a granted period).</summary>
    public Result AttachSignedLetter(Guid attachmentId, string fileName, string contentType)
    {
        if (Status != LogoAuthorizationStatus.Granted)
        {
            return Result.Failure(new DomainError("logo.letter.not-granted", "Seule une autorisation accordée a une lettre signée.", "File"));
        }

        SignedLetterAttachmentId = attachmentId;
        SignedLetterFileName = fileName;
        SignedLetterContentType = contentType;
        Version++;
        return Result.Success();
    }

    /// <summary>Where the authorisation stands on <paramref name="day"/>: only a granted one, within its period, is valid.</summary>
    public LogoValidity ValidityOn(DateOnly day) => Status switch
    {
        LogoAuthorizationStatus.Requested => LogoValidity.Pending,
        LogoAuthorizationStatus.Refused => LogoValidity.Refused,
        LogoAuthorizationStatus.Withdrawn => LogoValidity.Withdrawn,
        _ when day < ValidFrom => LogoValidity.NotYetValid,
        _ when day > ValidUntil => LogoValidity.Expired,
        _ => LogoValidity.Valid,
    };

    /// <summary>Whether every day from <paramref name="from"/> to <paramref name="until"/> is within the granted period.</summary>
    public bool Covers(DateOnly from, DateOnly until) =>
        Status == LogoAuthorizationStatus.Granted && from >= ValidFrom && until <= ValidUntil;

    /// <summary>Whether the authorisation covers a material of an action on <paramref name="day"/>.</summary>
    public bool CoversAction(Guid actionSheetId, DateOnly day) =>
        ValidityOn(day) == LogoValidity.Valid && Materials.Any(m => m.ActionSheetIds.Contains(actionSheetId));

    public static string ValidityLabel(LogoValidity validity) => validity switch
    {
        LogoValidity.Pending => "demandée, en attente de décision",
        LogoValidity.Refused => "refusée",
        LogoValidity.Withdrawn => "retirée",
        LogoValidity.NotYetValid => "accordée, pas encore en vigueur",
        LogoValidity.Valid => "en vigueur",
        LogoValidity.Expired => "échue",
        _ => validity.ToString(),
    };

    public static string KindLabel(MaterialKind kind) => kind switch
    {
        MaterialKind.Print => "Document imprimé",
        MaterialKind.Video => "Vidéo",
        MaterialKind.Website => "Site internet",
        MaterialKind.Event => "Événement",
        MaterialKind.DigitalTool => "Outil numérique",
        _ => "Autre support",
    };

    private DomainError AlreadyDecided() => new("logo.already-decided", Status switch
    {
        LogoAuthorizationStatus.Granted => "Cette demande a déjà été accordée : pour une autre période, faites une nouvelle demande.",
        LogoAuthorizationStatus.Refused => "Cette demande a déjà été refusée : faites une nouvelle demande avec le support revu.",
        _ => "Cette demande a été retirée : faites une nouvelle demande.",
    });

    private static IEnumerable<DomainError> CheckPeriod(DateOnly? from, DateOnly? until, string fromField, string untilField, string what)
    {
        if (from is null)
        {
            yield return new("logo.from.required", $"Indiquez la date de début de {what}.", fromField);
        }
        else if (!SaneInput.IsSaneDate(from.Value))
        {
            yield return new("logo.from.range", SaneInput.DateRangeMessage, fromField);
        }

        if (until is null)
        {
            yield return new("logo.until.required", $"Indiquez la date de fin de {what} : une autorisation précise sa durée (art. 11).", untilField);
        }
        else if (!SaneInput.IsSaneDate(until.Value))
        {
            yield return new("logo.until.range", SaneInput.DateRangeMessage, untilField);
        }
        else if (from is { } f && until < f)
        {
            yield return new("logo.until.before-from", $"La date de fin de {what} ne peut pas précéder sa date de début.", untilField);
        }
    }
}

/// <summary>A material as the requester describes it.</summary>
public sealed record LogoMaterialInput(string? Title, MaterialKind Kind, string? Description, IReadOnlyList<Guid>? ActionSheetIds);
