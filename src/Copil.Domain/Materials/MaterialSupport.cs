using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.DueDates;
using Copil.Domain.Reference;

namespace Copil.Domain.Materials;

/// <summary>The forms of cooperation of art. 10 of the seed (« Matériels et documentation »).</summary>
public enum MaterialSupportKind
{
    /// <summary>Prêt ou mise à disposition de matériel.</summary>
    EquipmentLoan = 0,

    /// <summary>Prêt ou mise à disposition de logiciels.</summary>
    SoftwareLoan = 1,

    /// <summary>Dotation en équipements pédagogiques.</summary>
    EquipmentDonation = 2,

    /// <summary>Dotation en documents professionnels, ouvrages techniques, fiches métiers.</summary>
    DocumentDonation = 3,

    /// <summary>Accès aux ressources documentaires de l'OPCO.</summary>
    ResourceAccess = 4,
}

/// <summary>
/// A loan, donation or access to resources given to an establishment under art. 10: to whom, from whom, its value and
/// dates; a loan has a return date, which the échéancier follows until the material comes back.
/// </summary>
public sealed class MaterialSupport
{
    public const string Article = "art. 10";

    public const long MaxValueCents = 100_000_000_00;

    private MaterialSupport() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public MaterialSupportKind Kind { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>The establishment that receives it.</summary>
    public string Establishment { get; private set; } = "";

    public string? RegionCode { get; private set; }

    /// <summary>The signatory that lends or gives.</summary>
    public Guid FromPartyId { get; private set; }

    public long ValueCents { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? ReturnDueOn { get; private set; }

    public DateOnly? ReturnedOn { get; private set; }

    public Guid? ActionSheetId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public int Version { get; private set; }

    public bool IsLoan => Kind is MaterialSupportKind.EquipmentLoan or MaterialSupportKind.SoftwareLoan;

    public static Result<MaterialSupport> Record(Agreement agreement, MaterialSupportInput input, string recordedBy)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new("material.kind", "Choisissez la forme de la coopération (prêt, dotation, accès aux ressources).", nameof(Kind)));
        }

        Text(errors, input.Description, 2000, nameof(Description), "Décrivez ce qui est prêté ou donné.", multiline: true);
        Text(errors, input.Establishment, 300, nameof(Establishment), "Indiquez l'établissement bénéficiaire.", multiline: false);
        if (input.RegionCode is not null && Territories.Regions.All(r => r.Code != input.RegionCode))
        {
            errors.Add(new("material.region", "Choisissez une région académique de la liste.", nameof(RegionCode)));
        }

        if (agreement.PartyById(input.FromPartyId ?? Guid.Empty) is null)
        {
            errors.Add(new("material.from", "Choisissez le signataire qui prête ou donne.", "FromPartyId"));
        }

        if (input.ValueCents is not { } value || value < 0 || value > MaxValueCents)
        {
            errors.Add(new("material.value", "Indiquez la valeur, en euros (0 si elle n'est pas chiffrée).", "ValueCents"));
        }

        if (input.StartsOn is not { } starts || !SaneInput.IsSaneDate(starts))
        {
            errors.Add(new("material.starts", "Indiquez la date du prêt ou de la dotation.", "StartsOn"));
        }

        var isLoan = input.Kind is MaterialSupportKind.EquipmentLoan or MaterialSupportKind.SoftwareLoan;
        if (isLoan && input.ReturnDueOn is null)
        {
            errors.Add(new("material.return.required", "Un prêt a une date de retour : indiquez-la.", "ReturnDueOn"));
        }
        else if (isLoan && input.StartsOn is { } s && (input.ReturnDueOn < s || !SaneInput.IsSaneDate(input.ReturnDueOn!.Value)))
        {
            errors.Add(new("material.return.before", "La date de retour ne peut pas précéder celle du prêt.", "ReturnDueOn"));
        }
        else if (!isLoan && input.ReturnDueOn is not null)
        {
            errors.Add(new("material.return.donation", "Une dotation ou un accès aux ressources ne se rend pas : laissez la date de retour vide.", "ReturnDueOn"));
        }

        return errors.Count > 0 ? Result<MaterialSupport>.Failure(errors) : new MaterialSupport
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            Kind = input.Kind,
            Description = input.Description!.Trim(),
            Establishment = input.Establishment!.Trim(),
            RegionCode = input.RegionCode,
            FromPartyId = input.FromPartyId!.Value,
            ValueCents = input.ValueCents!.Value,
            StartsOn = input.StartsOn!.Value,
            ReturnDueOn = input.ReturnDueOn,
            ActionSheetId = input.ActionSheetId,
            RecordedBy = recordedBy,
            Version = 1,
        };
    }

    public Result MarkReturned(DateOnly? on)
    {
        if (!IsLoan)
        {
            return Result.Failure(new DomainError("material.return.donation", "Une dotation ou un accès aux ressources ne se rend pas."));
        }

        if (on is not { } day || day < StartsOn || !SaneInput.IsSaneDate(day))
        {
            return Result.Failure(new DomainError("material.returned.date", "Indiquez la date du retour, au plus tôt celle du prêt.", "ReturnedOn"));
        }

        ReturnedOn = day;
        Version++;
        return Result.Success();
    }

    public static string KindLabel(MaterialSupportKind kind) => kind switch
    {
        MaterialSupportKind.EquipmentLoan => "Prêt de matériel",
        MaterialSupportKind.SoftwareLoan => "Prêt de logiciels",
        MaterialSupportKind.EquipmentDonation => "Dotation en équipements",
        MaterialSupportKind.DocumentDonation => "Dotation en documents",
        _ => "Accès aux ressources documentaires",
    };

    /// <summary>A loan not returned is due back on its return date (the secretariat follows it).</summary>
    public static IEnumerable<DueItem> DueDates(Agreement agreement, IEnumerable<MaterialSupport> supports) =>
        supports.Where(m => m.AgreementId == agreement.Id && m.IsLoan && m.ReturnDueOn is not null && m.ReturnedOn is null)
            .Select(m => new DueItem($"material-return:{m.Id}", agreement.Id, $"{(m.Kind == MaterialSupportKind.SoftwareLoan ? "Retour des logiciels prêtés" : "Retour du matériel prêté")} à {m.Establishment}",
                m.ReturnDueOn!.Value, new DueOwner(AgreementRole.Secretariat), $"{Article} : prêt avec date de retour", $"materials:{agreement.Id}", Statutory: false, Done: false));

    private static void Text(List<DomainError> errors, string? value, int max, string field, string missing, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new($"material.{field.ToLowerInvariant()}", missing, field));
        }
        else if (value.Trim().Length > max || SaneInput.HasControlCharacter(value, multiline))
        {
            errors.Add(new($"material.{field.ToLowerInvariant()}.length", $"{max} caractères au plus, sans caractère invisible.", field));
        }
    }
}

public sealed record MaterialSupportInput(
    MaterialSupportKind Kind, string? Description, string? Establishment, string? RegionCode, Guid? FromPartyId, long? ValueCents, DateOnly? StartsOn, DateOnly? ReturnDueOn, Guid? ActionSheetId);

/// <summary>What art. 10 amounted to in a year, for the dashboard and the annual report: by form, how many and their value.</summary>
public sealed record MaterialFigures(int Year, IReadOnlyList<(MaterialSupportKind Kind, int Count, long ValueCents)> ByKind, int LoansOutstanding)
{
    public int Count => ByKind.Sum(k => k.Count);

    public long ValueCents => ByKind.Sum(k => k.ValueCents);

    public static MaterialFigures Of(int year, IEnumerable<MaterialSupport> supports, DateOnly today)
    {
        var ofYear = supports.Where(m => m.StartsOn.Year == year).ToList();
        return new(year,
            [.. ofYear.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(), g.Sum(m => m.ValueCents)))],
            ofYear.Count(m => m.IsLoan && m.ReturnedOn is null && m.ReturnDueOn < today));
    }
}
