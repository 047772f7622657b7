using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Reference;

namespace Copil.Domain.Actions;

/// <summary>Where an action takes place.</summary>
public enum ActionLevel
{
    National = 0,
    Regional = 1,
    Local = 2,
}

/// <summary>The publics an action targets (art. 3, 4, 6 and 15 of the seed).</summary>
public enum TargetPublic
{
    /// <summary>Collégiens.</summary>
    MiddleSchoolPupils = 0,

    /// <summary>Lycéens.</summary>
    HighSchoolPupils = 1,

    /// <summary>Étudiants.</summary>
    Students = 2,

    /// <summary>Apprentis.</summary>
    Apprentices = 3,

    /// <summary>Équipes éducatives et pédagogiques.</summary>
    EducationalTeams = 4,

    /// <summary>Familles.</summary>
    Families = 5,

    /// <summary>Salariés.</summary>
    Employees = 6,

    /// <summary>Tuteurs et maîtres d'apprentissage.</summary>
    TutorsAndMasters = 7,

    /// <summary>Autres publics.</summary>
    Other = 8,
}

/// <summary>A public with the number of people the action expects to reach.</summary>
public sealed record PublicTarget(TargetPublic Public, int ExpectedCount);

/// <summary>An expected indicator: what is counted, in which unit, the target and how it is measured (art. 15: "indicateurs objectivés").</summary>
public sealed record IndicatorTarget(string Name, string Unit, long Target, string Measurement);

/// <summary>
/// What a fiche action prévisionnelle says (art. 15 of the seed). A draft may be incomplete; submission lists every
/// missing item at once. Each submitted version is kept as it was.
/// </summary>
public sealed record ActionSheetContent
{
    public const int MaxTextLength = 10_000;

    public string? Title { get; init; }

    public Guid? AxisId { get; init; }

    public ActionLevel? Level { get; init; }

    /// <summary>Codes of régions académiques.</summary>
    public IReadOnlyList<string> RegionCodes { get; init; } = [];

    /// <summary>Codes of académies.</summary>
    public IReadOnlyList<string> AcademyCodes { get; init; } = [];

    public IReadOnlyList<Guid> CampusIds { get; init; } = [];

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? Partners { get; init; }

    public string? Objectives { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<PublicTarget> Publics { get; init; } = [];

    /// <summary>How the action reaches lycéens, étudiants and apprentis fairly (art. 15).</summary>
    public string? FairReach { get; init; }

    /// <summary>How the action serves mixité, inclusion and access for people with disabilities (art. 8).</summary>
    public string? Inclusion { get; init; }

    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    public IReadOnlyList<IndicatorTarget> Indicators { get; init; } = [];

    public FinancialAnnex Annex { get; init; } = FinancialAnnex.Empty;

    /// <summary>The action uses the ministries' logos: needs their written authorisation (art. 11).</summary>
    public bool UsesMinistryLogos { get; init; }

    /// <summary>The action funds a digital tool: needs the ministries' agreement before going online (art. 12).</summary>
    public bool FundsDigitalTool { get; init; }

    /// <summary>What even a draft cannot hold: texts too long, dates in the wrong order, amounts out of range, unknown references.</summary>
    public IReadOnlyList<DomainError> ValidateDraft(Agreement agreement)
    {
        var errors = new List<DomainError>();
        CheckLength(errors, Title, 300, nameof(Title), "L'intitulé ne dépasse pas 300 caractères.");
        foreach (var (value, field) in new[] { (Title, nameof(Title)), (ContactName, nameof(ContactName)), (ContactEmail, nameof(ContactEmail)) })
        {
            if (SaneInput.HasControlCharacter(value, multiline: false))
            {
                errors.Add(new($"sheet.control-character.{field}", SaneInput.ControlCharacterMessage, field));
            }
        }

        CheckLength(errors, ContactName, 200, nameof(ContactName), "Le nom du contact ne dépasse pas 200 caractères.");
        CheckLength(errors, ContactEmail, 254, nameof(ContactEmail), "L'adresse du contact ne dépasse pas 254 caractères.");
        foreach (var (value, field, label) in new[]
                 {
                     (Partners, nameof(Partners), "Les partenaires"), (Objectives, nameof(Objectives), "Les objectifs"),
                     (Description, nameof(Description), "La description"), (FairReach, nameof(FairReach), "Le ciblage équitable"),
                     (Inclusion, nameof(Inclusion), "La mixité et l'inclusion"),
                 })
        {
            CheckLength(errors, value, MaxTextLength, field, $"{label} : {MaxTextLength / 1000} 000 caractères au plus.");
        }

        if (!string.IsNullOrWhiteSpace(ContactEmail) && !LooksLikeEmail(ContactEmail))
        {
            errors.Add(new("sheet.contact.email", "L'adresse électronique du contact n'est pas valide.", nameof(ContactEmail)));
        }

        if (AxisId is { } axis && agreement.Axes.All(a => a.Id != axis))
        {
            errors.Add(new("sheet.axis.unknown", "Choisissez un axe de coopération de la convention.", nameof(AxisId)));
        }

        if (Level is { } level && !Enum.IsDefined(level))
        {
            errors.Add(new("sheet.level", "Choisissez un niveau : national, régional ou local.", nameof(Level)));
        }

        if (RegionCodes.Any(code => Territories.Regions.All(r => r.Code != code)))
        {
            errors.Add(new("sheet.region.unknown", "Une région académique choisie n'existe pas.", nameof(RegionCodes)));
        }

        if (AcademyCodes.Any(code => Territories.Academies.All(a => a.Code != code)))
        {
            errors.Add(new("sheet.academy.unknown", "Une académie choisie n'existe pas.", nameof(AcademyCodes)));
        }

        if (StartsOn is { } start && EndsOn is { } end && end < start)
        {
            errors.Add(new("sheet.dates.order", "La date de fin précède la date de début.", nameof(EndsOn)));
        }

        for (var i = 0; i < Publics.Count; i++)
        {
            if (!Enum.IsDefined(Publics[i].Public))
            {
                errors.Add(new("sheet.public.kind", $"Public {i + 1} : choisissez un public.", nameof(Publics)));
            }

            if (Publics[i].ExpectedCount is < 0 or > 10_000_000)
            {
                errors.Add(new("sheet.public.count", $"Public {i + 1} : l'effectif attendu est compris entre 0 et 10 millions.", nameof(Publics)));
            }
        }

        if (Publics.GroupBy(p => p.Public).Any(g => g.Count() > 1))
        {
            errors.Add(new("sheet.public.duplicate", "Un même public figure deux fois : regroupez ses effectifs.", nameof(Publics)));
        }

        for (var i = 0; i < Indicators.Count; i++)
        {
            var indicator = Indicators[i];
            if (indicator.Target < 0)
            {
                errors.Add(new("sheet.indicator.target", $"Indicateur {i + 1} : la cible ne peut pas être négative.", nameof(Indicators)));
            }

            if (indicator.Name is { Length: > 300 } || indicator.Unit is { Length: > 100 } || indicator.Measurement is { Length: > 2000 })
            {
                errors.Add(new("sheet.indicator.length", $"Indicateur {i + 1} : le nom (300), l'unité (100) ou le mode de mesure (2 000 caractères) est trop long.", nameof(Indicators)));
            }
        }

        errors.AddRange(Annex.ValidateEntries(agreement.Terms.ManagementFeeCapBasisPoints, agreement.Terms.ManagementFeeArticle));
        return errors;
    }

    /// <summary>Every item missing or wrong for a submission, listed at once.</summary>
    public IReadOnlyList<DomainError> ValidateForSubmission(Agreement agreement)
    {
        var errors = ValidateDraft(agreement).ToList();
        void Missing(bool isMissing, string field, string message)
        {
            if (isMissing)
            {
                errors.Add(new($"sheet.missing.{field}", message, field));
            }
        }

        Missing(string.IsNullOrWhiteSpace(Title), nameof(Title), "Indiquez l'intitulé de l'action.");
        Missing(AxisId is null, nameof(AxisId), "Choisissez l'axe de coopération.");
        Missing(Level is null, nameof(Level), "Choisissez le niveau de l'action (national, régional ou local).");
        Missing(Level is ActionLevel.Regional or ActionLevel.Local && RegionCodes.Count == 0 && AcademyCodes.Count == 0, nameof(RegionCodes),
            "Une action régionale ou locale indique au moins une région académique ou une académie.");
        Missing(string.IsNullOrWhiteSpace(ContactName), nameof(ContactName), "Indiquez le nom du contact.");
        Missing(string.IsNullOrWhiteSpace(ContactEmail), nameof(ContactEmail), "Indiquez l'adresse électronique du contact.");
        Missing(string.IsNullOrWhiteSpace(Objectives), nameof(Objectives), "Indiquez les objectifs.");
        Missing(string.IsNullOrWhiteSpace(Description), nameof(Description), "Décrivez l'action.");
        Missing(Publics.Count == 0 || Publics.All(p => p.ExpectedCount == 0), nameof(Publics), "Indiquez au moins un public visé et son effectif attendu.");
        Missing(string.IsNullOrWhiteSpace(FairReach), nameof(FairReach),
            "Indiquez comment l'action cible équitablement les lycéens, les étudiants et les apprentis (art. 15).");
        Missing(string.IsNullOrWhiteSpace(Inclusion), nameof(Inclusion),
            "Indiquez comment l'action sert la mixité, l'inclusion et l'accueil des personnes en situation de handicap (art. 8).");
        Missing(StartsOn is null, nameof(StartsOn), "Indiquez la date de début.");
        Missing(EndsOn is null, nameof(EndsOn), "Indiquez la date de fin.");
        Missing(Indicators.Count == 0, nameof(Indicators), "Indiquez au moins un indicateur attendu (art. 15 : indicateurs objectivés).");
        for (var i = 0; i < Indicators.Count; i++)
        {
            var indicator = Indicators[i];
            Missing(string.IsNullOrWhiteSpace(indicator.Name) || string.IsNullOrWhiteSpace(indicator.Unit) || string.IsNullOrWhiteSpace(indicator.Measurement),
                nameof(Indicators), $"Indicateur {i + 1} : indiquez son nom, son unité et son mode de mesure.");
        }

        errors.AddRange(Annex.ValidateForSubmission(agreement.Terms.ManagementFeeCapBasisPoints, agreement.Terms.ManagementFeeArticle)
            .Where(e => !errors.Contains(e)));
        return errors;
    }

    private static void CheckLength(List<DomainError> errors, string? value, int max, string field, string message)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new($"sheet.length.{field}", message, field));
        }
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }
}
