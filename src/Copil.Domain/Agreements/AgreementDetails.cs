using Copil.Domain.Common;

namespace Copil.Domain.Agreements;

/// <summary>The general description of an agreement, as entered on its creation or correction.</summary>
public sealed record AgreementDetails
{
    /// <summary>A short reference unique on the platform, e.g. "OPCO-MOBILITES-2020".</summary>
    public required string Reference { get; init; }

    public required string Title { get; init; }

    /// <summary>The legal basis, e.g. "Code du travail, art. L6332-1 II 1° b".</summary>
    public string? LegalBasis { get; init; }

    /// <summary>Signature date; null while the agreement is being prepared.</summary>
    public DateOnly? SignedOn { get; init; }

    public string? SignedAt { get; init; }

    /// <summary>Term in months from the signature (seed: 36, art. 17).</summary>
    public int TermMonths { get; init; } = 36;

    /// <summary>The article that sets the term and the renewal rule.</summary>
    public string TermArticle { get; init; } = "art. 17";

    public RenewalPolicy RenewalPolicy { get; init; } = RenewalPolicy.None;

    public EndOfTermRule EndOfTermRule { get; init; } = EndOfTermRule.DayBeforeAnniversary;

    /// <summary>The article that sets the committee and its voting rule (seed: art. 13).</summary>
    public string CommitteeArticle { get; init; } = "art. 13";

    /// <summary>Optional quorum, share of the total weight in basis points; off by default.</summary>
    public int? QuorumBasisPoints { get; init; }

    /// <summary>A description with nothing typed yet: the defaults of the seed agreement, for forms and API inputs alike.</summary>
    public static AgreementDetails Blank { get; } = new() { Reference = "", Title = "" };

    public IReadOnlyList<DomainError> Validate(DateOnly today)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(Reference))
        {
            errors.Add(new("agreement.reference.required", "Indiquez une référence courte pour la convention.", nameof(Reference)));
        }
        else if (Reference.Length > 60 || !Reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(new("agreement.reference.format", "La référence ne contient que des lettres sans accent, des chiffres et des tirets (60 caractères au plus).", nameof(Reference)));
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            errors.Add(new("agreement.title.required", "Indiquez l'intitulé de la convention.", nameof(Title)));
        }
        else if (Title.Length > 300)
        {
            errors.Add(new("agreement.title.length", "L'intitulé ne dépasse pas 300 caractères.", nameof(Title)));
        }

        if (LegalBasis is { Length: > 500 })
        {
            errors.Add(new("agreement.legal-basis.length", "Le fondement juridique ne dépasse pas 500 caractères.", nameof(LegalBasis)));
        }

        if (SignedAt is { Length: > 100 })
        {
            errors.Add(new("agreement.signed-at.length", "Le lieu de signature ne dépasse pas 100 caractères.", nameof(SignedAt)));
        }

        if (SignedOn is { } signed && signed > today)
        {
            errors.Add(new("agreement.signed-on.future", "La date de signature ne peut pas être dans le futur : laissez-la vide tant que la convention n'est pas signée.", nameof(SignedOn)));
        }

        if (SignedOn is { Year: < 1990 })
        {
            errors.Add(new("agreement.signed-on.past", "La date de signature est antérieure à 1990 : vérifiez-la.", nameof(SignedOn)));
        }

        if (TermMonths is < 1 or > 120)
        {
            errors.Add(new("agreement.term.range", "La durée doit être comprise entre 1 et 120 mois.", nameof(TermMonths)));
        }

        if (string.IsNullOrWhiteSpace(TermArticle) || TermArticle.Length > 40)
        {
            errors.Add(new("agreement.term-article", "Indiquez l'article qui fixe la durée, par exemple « art. 17 ».", nameof(TermArticle)));
        }

        if (string.IsNullOrWhiteSpace(CommitteeArticle) || CommitteeArticle.Length > 40)
        {
            errors.Add(new("agreement.committee-article", "Indiquez l'article qui fixe la règle de vote, par exemple « art. 13 ».", nameof(CommitteeArticle)));
        }

        if (QuorumBasisPoints is < 1 or > 10_000)
        {
            errors.Add(new("agreement.quorum", "Le quorum doit être compris entre 0,01 et 100 % ; laissez-le vide s'il n'y en a pas.", nameof(QuorumBasisPoints)));
        }

        if (!Enum.IsDefined(RenewalPolicy))
        {
            errors.Add(new("agreement.renewal", "Choisissez une règle de renouvellement.", nameof(RenewalPolicy)));
        }

        if (!Enum.IsDefined(EndOfTermRule))
        {
            errors.Add(new("agreement.end-rule", "Choisissez une règle de fin de convention.", nameof(EndOfTermRule)));
        }

        return errors;
    }
}
