using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>
/// A refusal of a use case as an answer of a typed endpoint: the problem+json <see cref="ApiSupport.Problem(IReadOnlyList{DomainError})"/>
/// builds, and, for OpenAPI, the answers a refusal can be (400 with the fields, 403, 404, 409).
/// </summary>
public sealed class Refusal(IReadOnlyList<DomainError> errors) : IResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public IReadOnlyList<DomainError> Errors { get; } = errors;

    public Task ExecuteAsync(HttpContext httpContext) => ApiSupport.Problem(Errors).ExecuteAsync(httpContext);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        foreach (var status in new[] { StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }
    }
}

/// <summary>Marks a PUT that creates the thing when it does not exist yet: a null version then means "I saw none".</summary>
public sealed class CreatesWhenAbsent;

/// <summary>One refusal in a problem+json answer: its stable code, its French message, the JSON path of its field.</summary>
public sealed record ProblemEntry(string Code, string Message, string? Field);

/// <summary>What every endpoint of the API shares: the token scheme, the per-agreement check, French problem details.</summary>
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
        api.MapAgreementRulesApi();
    }

    /// <summary>
    /// A JSON body that is <c>null</c> or absent where the operation needs one: 400 in French, before any use case. A
    /// <c>PUT</c> edits a versioned thing wholesale: its <c>version</c> is required (ADR 5), so that a concurrent change
    /// is reported, never overwritten.
    /// </summary>
    private static async ValueTask<object?> RequireBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var endpoint = context.HttpContext.GetEndpoint();
        // Within an agreement, the caller's access is checked first: a stranger gets its 404, whatever the body.
        if (endpoint?.Metadata.GetMetadata<AgreementPermissionAttribute>() is not null && !context.HttpContext.Items.ContainsKey(AgreementPageAccessFilter.GrantKey))
        {
            return await next(context);
        }

        var body = endpoint is null ? BodyArgument.None : BodyArguments.GetOrAdd(endpoint, FindBodyArgument);
        if (body.Index < 0 || body.Index >= context.Arguments.Count)
        {
            return await next(context);
        }

        var argument = context.Arguments[body.Index];
        if (argument is null)
        {
            return Problem([new DomainError("request.body.missing", "Le corps de la requête est vide : envoyez l'objet JSON attendu.")]);
        }

        if (HttpMethods.IsPut(context.HttpContext.Request.Method) && body.Version is { } version && version.GetValue(argument) is null
            && endpoint!.Metadata.GetMetadata<CreatesWhenAbsent>() is null)
        {
            return Problem([new DomainError("version.required",
                "Indiquez la version que vous modifiez (champ version), telle que vous l'avez lue : sans elle, une modification faite entre-temps par quelqu'un d'autre serait écrasée.", "Version")]);
        }

        return await next(context);
    }

    /// <summary>Where an endpoint's JSON body sits among its handler's arguments (-1: none), and its nullable version, if any.</summary>
    private sealed record BodyArgument(int Index, System.Reflection.PropertyInfo? Version)
    {
        public static BodyArgument None { get; } = new(-1, null);
    }

    /// <summary>Found once per endpoint.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Endpoint, BodyArgument> BodyArguments = new();

    private static BodyArgument FindBodyArgument(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { RequestType: { } bodyType }
        && endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is { } method
            ? new(Array.FindIndex(method.GetParameters(), p => p.ParameterType == bodyType),
                bodyType.GetProperty("Version") is { PropertyType: var type } version && type == typeof(int?) ? version : null)
            : BodyArgument.None;

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
            return await RequireBody(context, next);
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
            // Only ever reached inside an agreement the caller belongs to: a stranger got the generic 404 before.
            return TypedResults.Problem(statusCode: 404, title: "Introuvable", detail: errors.First(e => e.Kind == ErrorKind.NotFound).Message,
                extensions: new Dictionary<string, object?> { ["code"] = errors.First(e => e.Kind == ErrorKind.NotFound).Code });
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

    /// <summary>The use case's value as the answer, or its refusal.</summary>
    public static Results<Ok<TDto>, Refusal> OkOrRefusal<T, TDto>(Result<T> result, Func<T, TDto> toDto) =>
        result.IsSuccess ? TypedResults.Ok(toDto(result.Value)) : new Refusal(result.Errors);

    /// <summary>A domain field path (<c>Annex.Lines[2].AmountCents</c>) as the JSON path of the API body (<c>annex.lines[2].amountCents</c>).</summary>
    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
