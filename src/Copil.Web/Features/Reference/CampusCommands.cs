using System.Text;
using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reference;

/// <summary>The editable table of campus des métiers et des qualifications (pages and API).</summary>
public sealed class CampusCommands(CopilDbContext db)
{
    public static readonly DomainError Conflict = DomainError.Conflict("Ce campus a été modifié par quelqu'un d'autre entre-temps : vos saisies sont conservées ; enregistrez à nouveau pour les appliquer.");

    public Task<List<TradesCampus>> ListAsync(CancellationToken ct = default) =>
        db.TradesCampuses.AsNoTracking().OrderBy(c => c.RegionCode).ThenBy(c => c.Name).ToListAsync(ct);

    public Task<TradesCampus?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.TradesCampuses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Result<TradesCampus>> AddAsync(string name, string regionCode, string sector, bool isExcellence, CancellationToken ct = default)
    {
        var created = TradesCampus.Create(name ?? "", regionCode ?? "", sector ?? "", isExcellence);
        if (created.IsFailure)
        {
            return created;
        }

        db.TradesCampuses.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return created;
    }

    public async Task<Result<TradesCampus>> ChangeAsync(Guid id, int? expectedVersion, string name, string regionCode, string sector, bool isExcellence, CancellationToken ct = default)
    {
        var campus = await db.TradesCampuses.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campus is null)
        {
            return DomainError.NotFound("Ce campus n'existe pas.");
        }

        if (campus.Version != expectedVersion)
        {
            return Conflict;
        }

        var result = campus.Change(name ?? "", regionCode ?? "", sector ?? "", isExcellence);
        if (result.IsFailure)
        {
            return Result<TradesCampus>.Failure(result.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return campus;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }

    /// <summary>
    /// Imports a CSV file (semicolon or comma separated, header line first): nom; code de la région académique; secteur;
    /// excellence (oui/non). A campus with the same name in the same region is updated. All or nothing: one wrong line
    /// and nothing is saved, every wrong line is listed.
    /// </summary>
    public async Task<Result<int>> ImportCsvAsync(Stream csv, CancellationToken ct = default)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var content = await reader.ReadToEndAsync(ct);
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count < 2 || lines.Skip(1).All(string.IsNullOrWhiteSpace))
        {
            return new DomainError("csv.empty", "Le fichier est vide : il faut une ligne d'en-tête puis une ligne par campus.", "File");
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var existing = await db.TradesCampuses.ToListAsync(ct);
        var errors = new List<DomainError>();
        var count = 0;
        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = SplitCsvLine(lines[i], separator);
            if (cells.Count < 4)
            {
                errors.Add(new("csv.columns", $"Ligne {i + 1} : 4 colonnes attendues (nom, code de région académique, secteur, excellence oui/non).", "File"));
                continue;
            }

            var excellence = cells[3].Trim().ToLowerInvariant() switch
            {
                "oui" or "o" or "1" or "vrai" or "true" or "x" => true,
                "non" or "n" or "0" or "faux" or "false" or "" => (bool?)false,
                _ => null,
            };
            if (excellence is null)
            {
                errors.Add(new("csv.excellence", $"Ligne {i + 1} : la colonne « excellence » vaut oui ou non.", "File"));
                continue;
            }

            var name = cells[0].Trim();
            var region = cells[1].Trim();
            var match = existing.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) && c.RegionCode == region);
            Result outcome;
            if (match is null)
            {
                var created = TradesCampus.Create(name, region, cells[2], excellence.Value);
                outcome = created;
                if (created.IsSuccess)
                {
                    db.TradesCampuses.Add(created.Value);
                    existing.Add(created.Value);
                }
            }
            else
            {
                outcome = match.Change(name, region, cells[2], excellence.Value);
            }

            if (outcome.IsFailure)
            {
                errors.AddRange(outcome.Errors.Select(e => e with { Message = $"Ligne {i + 1} : {e.Message}", Field = "File" }));
            }
            else
            {
                count++;
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<int>.Failure(errors);
        }

        await db.SaveChangesAsync(ct);
        return count;
    }

    private static List<string> SplitCsvLine(string line, char separator)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == separator && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}
