using Copil.Domain.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Copil.Web.Features.Access;

/// <summary>Declares what a page of an agreement (a route with <c>{id}</c>) requires of the caller in that agreement.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AgreementPermissionAttribute(AgreementPermission permission) : Attribute
{
    public AgreementPermission Permission { get; } = permission;
}

/// <summary>
/// Checks every page whose route names an agreement, before any handler runs: a stranger gets 404, a member without
/// the permission 403. A page of an agreement that declares no permission is refused (fail closed).
/// </summary>
public sealed class AgreementPageAccessFilter : IAsyncPageFilter
{
    public const string GrantKey = "copil.grant";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.RouteData.Values.TryGetValue("id", out var raw))
        {
            await next();
            return;
        }

        var required = context.ActionDescriptor.EndpointMetadata.OfType<AgreementPermissionAttribute>().FirstOrDefault();
        if (required is null || !Guid.TryParse(raw?.ToString(), out var agreementId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var access = context.HttpContext.RequestServices.GetRequiredService<AgreementAccess>();
        var grant = await access.FindAsync(agreementId, context.HttpContext.User, context.HttpContext.RequestAborted);
        if (grant is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        if (!grant.Can(required.Permission))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        context.HttpContext.Items[GrantKey] = grant;
        await next();
    }
}

public static class GrantExtensions
{
    /// <summary>The caller's grant on the agreement of the current request, set by the access filter or endpoint filter.</summary>
    public static AgreementGrant Grant(this HttpContext http) => (AgreementGrant)http.Items[AgreementPageAccessFilter.GrantKey]!;
}
