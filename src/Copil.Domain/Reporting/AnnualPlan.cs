using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

/// <summary>
/// The programme d'actions annuel of year N+1 (art. 14: the year-end committee sets next year's actions before the
/// OPCO's board): the actions the committee validated for the year, listed from what was recorded, with the
/// priorities it set, written by the secretariat.
/// </summary>
public sealed class AnnualPlan
{
    public const int MaxPrioritiesLength = 20_000;

    private AnnualPlan() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int Year { get; private set; }

    public string Priorities { get; private set; } = "";

    /// <summary>Reference of the committee meeting that set the priorities (e.g. "copil du 8 décembre 2020").</summary>
    public string? DecidedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>A plan for a year in which the agreement is in force (its signature year up to its last day).</summary>
    public static Result<AnnualPlan> Open(Agreement agreement, int year)
    {
        if (agreement.SignedOn is not { } signed || year < signed.Year || (agreement.LastDayInForce is { } last && year > last.Year))
        {
            return new DomainError("plan.year.out-of-term", $"La convention n'est pas en vigueur en {year} : pas de programme d'actions pour cette année.", "Year");
        }

        return new AnnualPlan { Id = Guid.NewGuid(), AgreementId = agreement.Id, Year = year, Version = 1 };
    }

    public Result Edit(string? priorities, string? decidedAt)
    {
        var errors = new List<DomainError>();
        if (priorities is { Length: > MaxPrioritiesLength })
        {
            errors.Add(new("plan.priorities.length", "Les priorités ne dépassent pas 20 000 caractères.", nameof(Priorities)));
        }

        if (decidedAt is { Length: > 300 })
        {
            errors.Add(new("plan.decided.length", "La référence de la réunion ne dépasse pas 300 caractères.", nameof(DecidedAt)));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Priorities = (priorities ?? "").Trim();
        DecidedAt = string.IsNullOrWhiteSpace(decidedAt) ? null : decidedAt.Trim();
        Version++;
        return Result.Success();
    }
}
