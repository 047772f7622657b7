namespace Copil.Web.Features.Reporting;

/// <summary>
/// One row per agreement and year that has had actions: the agreement's years are listed without scanning its sheets,
/// and <see cref="Stamp"/> names the state of the year's figures. Every save that adds, changes or removes an action of
/// the year gives it a new random value in the same transaction (<see cref="ReportingYearStamps"/>), so a dashboard
/// computed under a stamp is exact for as long as the stamp is current (ADR 18).
/// </summary>
public sealed class ReportingYear
{
    public Guid AgreementId { get; set; }

    public int Year { get; set; }

    /// <summary>Random, not incremented: two saves of the same year at once never leave one value for two states.</summary>
    public long Stamp { get; set; }
}
