using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Identity;

namespace Copil.Web.Api;

/// <summary>What every endpoint of the API shares: the token scheme, the per-agreement check, French problem details.</summary>
public static class ApiSupport
{
    public static void MapCopilApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PersonalAccessTokenHandler.SchemeName).RequireAuthenticatedUser())
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapAgreementsApi();
        api.MapCommitteeApi();
        api.MapActionSheetsApi();
        api.MapDueDatesApi();
        api.MapNotificationsApi();
        api.MapMeetingsApi();
        api.MapConsultationsApi();
        api.MapAmendmentsApi();
        api.MapTerminationApi();
        api.MapMembershipsApi();
        api.MapAuditApi();
        api.MapReferenceApi();
        api.MapReportingApi();
    }

    /// <summary>
    /// Resolves the caller's grant on the <c>{id}</c> agreement: a stranger gets 404 (the agreement does not exist for them),
    /// a member without the permission 403.
    /// </summary>
    public static RouteHandlerBuilder RequireAgreement(this RouteHandlerBuilder builder, AgreementPermission permission) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var agreementId))
            {
                return NotFound();
            }

            var access = http.RequestServices.GetRequiredService<AgreementAccess>();
            var grant = await access.FindAsync(agreementId, http.User, http.RequestAborted);
            if (grant is null)
            {
                return NotFound();
            }

            if (!grant.Can(permission))
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Votre rôle dans cette convention ne permet pas cette opération.");
            }

            http.Items[AgreementPageAccessFilter.GrantKey] = grant;
            return await next(context);
        })
        .WithMetadata(new AgreementPermissionAttribute(permission))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    public static IResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Introuvable", detail: "Cette ressource n'existe pas ou vous n'y avez pas accès.");

    /// <summary>Domain refusals as problem+json carrying the French messages, field by field.</summary>
    public static IResult Problem(IReadOnlyList<DomainError> errors)
    {
        if (errors.Any(e => e.Code == AgreementCommands.NotFound.Code))
        {
            return NotFound();
        }

        if (errors.Any(e => e.Code == AgreementCommands.Conflict.Code))
        {
            // Each use case words its own conflict (the agreement, the sheet, the meeting…).
            return TypedResults.Problem(statusCode: 409, title: "Modification concurrente", detail: errors.First(e => e.Code == AgreementCommands.Conflict.Code).Message,
                extensions: new Dictionary<string, object?> { ["code"] = AgreementCommands.Conflict.Code });
        }

        var byField = errors.GroupBy(e => CamelCase(e.Field ?? ""))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(byField,
            detail: string.Join(" ", errors.Select(e => e.Message)),
            title: "La demande contient des erreurs",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.Select(e => e.Code).ToArray() });
    }

    public static IResult Problem(DomainError error) => Problem([error]);

    private static string CamelCase(string field) =>
        string.IsNullOrEmpty(field) ? "" : char.ToLowerInvariant(field[0]) + field[1..];
}
