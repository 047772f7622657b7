using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Identity;

namespace Copil.Web.Api;

/// <summary>What every endpoint of the API shares: the token scheme, the per-agreement check, French problem details.</summary>
/// <summary>One refusal in a problem+json answer: its stable code, its French message, the JSON path of its field.</summary>
public sealed record ProblemEntry(string Code, string Message, string? Field);

public static class ApiSupport
{
    public static void MapCopilApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PersonalAccessTokenHandler.SchemeName).RequireAuthenticatedUser())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AddEndpointFilter(RequireBody);
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

    /// <summary>A JSON body that is <c>null</c> or absent where the operation needs one: 400 in French, before any use case.</summary>
    private static async ValueTask<object?> RequireBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var endpoint = context.HttpContext.GetEndpoint();
        var index = endpoint is null ? -1 : BodyArgument.GetOrAdd(endpoint, FindBodyArgument);
        return index >= 0 && index < context.Arguments.Count && context.Arguments[index] is null
            ? Problem(new DomainError("request.body.missing", "Le corps de la requête est vide : envoyez l'objet JSON attendu."))
            : await next(context);
    }

    /// <summary>Where each endpoint's JSON body sits among its handler's arguments (-1: none), found once per endpoint.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Endpoint, int> BodyArgument = new();

    private static int FindBodyArgument(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { RequestType: { } bodyType }
        && endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is { } method
            ? Array.FindIndex(method.GetParameters(), p => p.ParameterType == bodyType)
            : -1;

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

    /// <summary>
    /// The one place where a refusal becomes an HTTP answer: its kind gives the status (not found 404, forbidden 403,
    /// conflict 409, rule broken 400); the body is problem+json with the French messages, <c>errors</c> keyed by the JSON
    /// path of each field concerned, and <c>problems</c> listing every error with its stable <c>code</c>.
    /// </summary>
    public static IResult Problem(IReadOnlyList<DomainError> errors)
    {
        var kind = Result.Failure(errors).FailureKind;
        if (kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        var shown = errors.Where(e => e.Kind == kind).ToList();
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = shown[0].Code,
            ["codes"] = shown.Select(e => e.Code).ToArray(),
            ["problems"] = shown.Select(e => new ProblemEntry(e.Code, e.Message, e.Field is null ? null : JsonPath(e.Field))).ToArray(),
        };
        var detail = string.Join(" ", shown.Select(e => e.Message));
        return kind switch
        {
            ErrorKind.Forbidden => TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: detail, extensions: extensions),
            // Each use case words its own conflict (the agreement, the sheet, the meeting…).
            ErrorKind.Conflict => TypedResults.Problem(statusCode: 409, title: "Modification concurrente", detail: detail, extensions: extensions),
            _ => TypedResults.ValidationProblem(
                shown.Where(e => e.Field is not null).GroupBy(e => JsonPath(e.Field!)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: detail, title: "La demande contient des erreurs", extensions: extensions),
        };
    }

    public static IResult Problem(DomainError error) => Problem([error]);

    /// <summary>A domain field path (<c>Annex.Lines[2].AmountCents</c>) as the JSON path of the API body (<c>annex.lines[2].amountCents</c>).</summary>
    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
