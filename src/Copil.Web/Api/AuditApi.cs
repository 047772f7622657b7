using Copil.Domain.Access;
using Copil.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/audit: the append-only log of changes.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/agreements/{id:guid}/audit", PageAsync).RequireAgreement(AgreementPermission.ReadAudit)
            .WithTags("Journal").WithSummary("Le journal des modifications, du plus récent au plus ancien (100 par page ; before = id pour la page suivante)");

    private static async Task<Ok<List<AuditEntryDto>>> PageAsync(Guid id, long? before, AuditLog log, CancellationToken ct) =>
        TypedResults.Ok((await log.PageAsync(id, before, 100, ct)).Select(e => new AuditEntryDto(e.Id, e.AtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.Before, e.After)).ToList());
}
