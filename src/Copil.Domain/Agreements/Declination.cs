using System.Reflection;
using Copil.Domain.Common;
using Copil.Domain.Reference;

namespace Copil.Domain.Agreements;

/// <summary>
/// A regional declination of a national agreement (art. 3 and 4 of the seed: the national agreement is declined in régions
/// académiques, with the OPCO's regional delegations, the rectorats and the campus des métiers). It is an agreement of
/// its own — parties, roles, committee if any, actions, due dates — within the national one's term, for one région
/// académique, and it inherits every national term it does not override.
/// </summary>
public sealed partial class Agreement
{
    /// <summary>The national agreement this one declines, if it is a regional declination.</summary>
    public Guid? NationalAgreementId { get; private set; }

    /// <summary>The région académique (code of the reference table) of a regional declination.</summary>
    public string? RegionCode { get; private set; }

    /// <summary>The names of the terms (<see cref="AgreementTerms"/> properties) a declination sets itself; the others are the national ones.</summary>
    public IReadOnlyList<string> OverriddenTerms { get; private set; } = [];

    public bool IsDeclination => NationalAgreementId is not null;

    /// <summary>
    /// Declines <paramref name="national"/> in a région académique: the declination's term lies within the national one,
    /// its terms are the national ones except those named in <paramref name="overridden"/>, taken from
    /// <paramref name="ownTerms"/>; the national axes of cooperation are carried over.
    /// </summary>
    public static Result<Agreement> Decline(Agreement national, AgreementDetails details, string? regionCode, AgreementTerms ownTerms, IReadOnlyCollection<string> overridden, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (national.IsDeclination)
        {
            errors.Add(new("declination.of-declination", "Une déclinaison régionale décline une convention nationale, pas une autre déclinaison."));
        }

        if (Territories.Regions.All(r => r.Code != regionCode))
        {
            errors.Add(new("declination.region", "Choisissez la région académique de la déclinaison.", nameof(RegionCode)));
        }

        errors.AddRange(TermsInheritance.CheckNames(overridden));
        errors.AddRange(CheckWithinNationalTerm(national, details));
        var resolved = TermsInheritance.Resolve(national.Terms, ownTerms, overridden);
        var created = Create(details, resolved, today);
        if (created.IsFailure || errors.Count > 0)
        {
            return Result<Agreement>.Failure([.. errors, .. created.Errors]);
        }

        var declination = created.Value;
        declination.NationalAgreementId = national.Id;
        declination.RegionCode = regionCode;
        declination.OverriddenTerms = [.. overridden.Distinct().Order(StringComparer.Ordinal)];
        foreach (var axis in national.Axes.OrderBy(a => a.Position))
        {
            declination.AddAxis(axis.Title, axis.Article);
        }

        return declination;
    }

    /// <summary>Takes the national terms again for every term this declination does not override (after the national ones changed).</summary>
    public bool InheritTerms(AgreementTerms national)
    {
        if (!IsDeclination)
        {
            return false;
        }

        var resolved = TermsInheritance.Resolve(national, Terms, OverriddenTerms);
        if (resolved == Terms)
        {
            return false;
        }

        Terms = resolved;
        Touch();
        return true;
    }

    /// <summary>Checks that a declination's term, as described, lies within the national agreement's.</summary>
    public static IEnumerable<DomainError> CheckWithinNationalTerm(Agreement national, AgreementDetails details)
    {
        if (national.SignedOn is not { } nationalStart || national.LastDayInForce is not { } nationalEnd)
        {
            yield return new("declination.national-unsigned", "La convention nationale n'est pas encore signée : elle ne peut pas être déclinée.");
            yield break;
        }

        if (details.SignedOn is not { } start)
        {
            yield break;
        }

        var end = LastDayOfTerm(start, details.TermMonths, details.EndOfTermRule);
        if (start < nationalStart || end > nationalEnd)
        {
            yield return new("declination.outside-national-term",
                $"La déclinaison régionale s'inscrit dans la durée de la convention nationale, du {FrenchText.Date(nationalStart)} au {FrenchText.Date(nationalEnd)} : "
                + $"signée le {FrenchText.Date(start)} pour {FrenchText.MonthsCount(details.TermMonths)}, elle irait jusqu'au {FrenchText.Date(end)}.",
                start < nationalStart ? nameof(AgreementDetails.SignedOn) : nameof(AgreementDetails.TermMonths));
        }
    }
}

/// <summary>How a declination's terms follow the national ones: each term is either overridden (its own value) or inherited.</summary>
public static class TermsInheritance
{
    private static readonly IReadOnlyDictionary<string, PropertyInfo> Terms = typeof(AgreementTerms)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The names of the terms a declination may override.</summary>
    public static IEnumerable<string> Names => Terms.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<DomainError> CheckNames(IEnumerable<string> names) =>
        names.Where(n => !Terms.ContainsKey(n)).Select(n => new DomainError("declination.term-unknown", $"« {n} » n'est pas un terme de la convention.", "OverriddenTerms"));

    /// <summary>The national terms, with the overridden ones taken from <paramref name="own"/>.</summary>
    public static AgreementTerms Resolve(AgreementTerms national, AgreementTerms own, IEnumerable<string> overridden)
    {
        var resolved = national with { };
        foreach (var name in overridden)
        {
            if (Terms.TryGetValue(name, out var property))
            {
                property.SetValue(resolved, property.GetValue(own));
            }
        }

        return resolved;
    }
}
