using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Features.Reference;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>How many campuses an import wrote.</summary>
public sealed record ImportedCampuses(int Imported);

/// <summary>/api/v1/reference: régions académiques, académies, campus des métiers et des qualifications.</summary>
public static class ReferenceApi
{
    private static readonly DomainError AdministratorsOnly = DomainError.Forbidden("reference.forbidden", "Seul un administrateur modifie les référentiels.");

    public static void MapReferenceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reference").WithTags("Référentiels");

        group.MapGet("/academic-regions", Regions).WithSummary("Les régions académiques (code de l'éducation, art. R222-2)");
        group.MapGet("/academies", Academies).WithSummary("Les académies, avec leur code et leurs dates de validité");
        group.MapGet("/trades-campuses", CampusesAsync).WithSummary("Les campus des métiers et des qualifications");
        group.MapPost("/trades-campuses", AddCampusAsync).WithSummary("Ajouter un campus (administrateur)");
        group.MapPut("/trades-campuses/{campusId:guid}", ChangeCampusAsync).WithSummary("Modifier un campus (administrateur ; version obligatoire)");
        group.MapPost("/trades-campuses/import", ImportCampusesAsync).Accepts<string>("text/csv")
            .WithSummary("Importer des campus depuis un fichier CSV (administrateur ; tout ou rien)");
    }

    private static Ok<List<AcademicRegionDto>> Regions() =>
        TypedResults.Ok(Territories.Regions.Select(r => new AcademicRegionDto(r.Code, r.Name, r.ValidFrom, r.ValidTo)).ToList());

    private static Ok<List<AcademyDto>> Academies() =>
        TypedResults.Ok(Territories.Academies.Select(a => new AcademyDto(a.Code, a.Name, a.RegionCode, a.ValidFrom, a.ValidTo)).ToList());

    private static async Task<Ok<List<TradesCampusDto>>> CampusesAsync(CampusCommands campuses, CancellationToken ct) =>
        TypedResults.Ok((await campuses.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<TradesCampusDto>, Refusal>> AddCampusAsync(TradesCampusInput input, HttpContext http, CampusCommands campuses, CancellationToken ct)
    {
        if (!IsAdministrator(http))
        {
            return new Refusal([AdministratorsOnly]);
        }

        var result = await campuses.AddAsync(input.Name, input.RegionCode, input.Sector, input.IsExcellence, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/reference/trades-campuses/{result.Value.Id}", ToDto(result.Value)) : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<TradesCampusDto>, Refusal>> ChangeCampusAsync(Guid campusId, TradesCampusUpdate input, HttpContext http, CampusCommands campuses, CancellationToken ct) =>
        IsAdministrator(http)
            ? ApiSupport.OkOrRefusal(await campuses.ChangeAsync(campusId, input.Version, input.Name, input.RegionCode, input.Sector, input.IsExcellence, ct), ToDto)
            : new Refusal([AdministratorsOnly]);

    private static async Task<Results<Ok<ImportedCampuses>, Refusal>> ImportCampusesAsync(HttpContext http, CampusCommands campuses, CancellationToken ct) =>
        IsAdministrator(http)
            ? ApiSupport.OkOrRefusal(await campuses.ImportCsvAsync(http.Request.Body, ct), count => new ImportedCampuses(count))
            : new Refusal([AdministratorsOnly]);

    private static bool IsAdministrator(HttpContext http) => http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    private static TradesCampusDto ToDto(TradesCampus c) => new(c.Id, c.Name, c.RegionCode, c.Sector, c.IsExcellence, c.Version);
}
