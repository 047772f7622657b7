using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Features.Reference;
using Copil.Web.Identity;

namespace Copil.Web.Api;

/// <summary>How many campuses an import wrote.</summary>
public sealed record ImportedCampuses(int Imported);

/// <summary>/api/v1/reference: régions académiques, académies, campus des métiers et des qualifications.</summary>
public static class ReferenceApi
{
    public static void MapReferenceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reference").WithTags("Référentiels");

        group.MapGet("/academic-regions", () => TypedResults.Ok(Territories.Regions.Select(r => new AcademicRegionDto(r.Code, r.Name, r.ValidFrom, r.ValidTo)).ToList()))
            .WithSummary("Les régions académiques (code de l'éducation, art. R222-2)");

        group.MapGet("/academies", () => TypedResults.Ok(Territories.Academies.Select(a => new AcademyDto(a.Code, a.Name, a.RegionCode, a.ValidFrom, a.ValidTo)).ToList()))
            .WithSummary("Les académies, avec leur code et leurs dates de validité");

        group.MapGet("/trades-campuses", async (CampusCommands campuses, CancellationToken ct) =>
            TypedResults.Ok((await campuses.ListAsync(ct)).Select(ToDto).ToList()))
            .WithSummary("Les campus des métiers et des qualifications");

        group.MapPost("/trades-campuses", async (TradesCampusInput input, HttpContext http, CampusCommands campuses, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Seul un administrateur modifie les référentiels.");
            }

            var result = await campuses.AddAsync(input.Name, input.RegionCode, input.Sector, input.IsExcellence, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/reference/trades-campuses/{result.Value.Id}", ToDto(result.Value)) : ApiSupport.Problem(result.Errors);
        }).WithSummary("Ajouter un campus (administrateur)").Produces<TradesCampusDto>(201).ProducesValidationProblem();

        group.MapPut("/trades-campuses/{campusId:guid}", async (Guid campusId, TradesCampusUpdate input, HttpContext http, CampusCommands campuses, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Seul un administrateur modifie les référentiels.");
            }

            var result = await campuses.ChangeAsync(campusId, input.Version, input.Name, input.RegionCode, input.Sector, input.IsExcellence, ct);
            return result.IsSuccess ? TypedResults.Ok(ToDto(result.Value))
                : result.FailureKind == ErrorKind.NotFound ? ApiSupport.NotFound()
                : result.FailureKind == ErrorKind.Conflict ? TypedResults.Problem(statusCode: 409, title: "Modification concurrente", detail: CampusCommands.Conflict.Message)
                : ApiSupport.Problem(result.Errors);
        }).WithSummary("Modifier un campus (administrateur ; version obligatoire)").Produces<TradesCampusDto>().ProducesValidationProblem().ProducesProblem(409);

        group.MapPost("/trades-campuses/import", async (HttpContext http, CampusCommands campuses, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Seul un administrateur modifie les référentiels.");
            }

            var result = await campuses.ImportCsvAsync(http.Request.Body, ct);
            return result.IsSuccess ? TypedResults.Ok(new ImportedCampuses(result.Value)) : ApiSupport.Problem(result.Errors);
        }).Accepts<string>("text/csv").WithSummary("Importer des campus depuis un fichier CSV (administrateur ; tout ou rien)").Produces<ImportedCampuses>().ProducesValidationProblem();
    }

    private static TradesCampusDto ToDto(TradesCampus c) => new(c.Id, c.Name, c.RegionCode, c.Sector, c.IsExcellence, c.Version);
}
