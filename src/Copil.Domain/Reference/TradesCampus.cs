using Copil.Domain.Common;

namespace Copil.Domain.Reference;

/// <summary>A campus des métiers et des qualifications (CMQ). No national dataset exists: the table is edited by hand or imported from CSV.</summary>
public sealed class TradesCampus
{
    private TradesCampus() { }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public string Sector { get; private set; } = "";

    /// <summary>Whether the campus holds the "excellence" label.</summary>
    public bool IsExcellence { get; private set; }

    public int Version { get; private set; }

    public static Result<TradesCampus> Create(string name, string regionCode, string sector, bool isExcellence)
    {
        var campus = new TradesCampus { Id = Guid.NewGuid() };
        var result = campus.Change(name, regionCode, sector, isExcellence);
        return result.IsSuccess ? campus : Result<TradesCampus>.Failure(result.Errors);
    }

    public Result Change(string name, string regionCode, string sector, bool isExcellence)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 300)
        {
            errors.Add(new("campus.name", "Indiquez le nom du campus (300 caractères au plus).", "Name"));
        }

        if (Territories.Regions.All(r => r.Code != regionCode))
        {
            errors.Add(new("campus.region", "Choisissez une région académique de la liste.", "RegionCode"));
        }

        if (string.IsNullOrWhiteSpace(sector) || sector.Trim().Length > 200)
        {
            errors.Add(new("campus.sector", "Indiquez le secteur du campus (200 caractères au plus).", "Sector"));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Name = name.Trim();
        RegionCode = regionCode;
        Sector = sector.Trim();
        IsExcellence = isExcellence;
        Version++;
        return Result.Success();
    }
}
