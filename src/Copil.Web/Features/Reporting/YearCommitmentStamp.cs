using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Data;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// Serialises the validations of a year under a blocking ceiling (art. 16): a validation that was checked against the
/// ceiling stamps the year's ceiling row in the same transaction; if another validation of that year was saved after
/// the check read the commitments, the save fails as a concurrent change and the caller tries again with fresh figures.
/// </summary>
public sealed class YearCommitmentStamp(CopilDbContext db)
{
    /// <summary>The shadow concurrency token of a year's ceiling row.</summary>
    public const string PropertyName = "CommitmentStamp";

    /// <summary>Stamps the checked year's ceiling row; nothing to do unless the check blocked on a ceiling. The agreement must be tracked.</summary>
    public void Stamp(Agreement agreement, CeilingCheck check)
    {
        if (check is not { Policy: CeilingPolicy.Block, CeilingCents: not null, Year: { } year }
            || agreement.YearlyCeilings.FirstOrDefault(c => c.Year == year) is not { } ceiling)
        {
            return;
        }

        var stamp = db.Entry(ceiling).Property<int>(PropertyName);
        stamp.CurrentValue++;
    }
}
