using System.Security.Claims;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Web.Features.Notifications;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record NotificationDto(Guid Id, Guid AgreementId, string AgreementReference, NoticeKind Kind, string Title, string Body, string Link, DateTime CreatedAtUtc, DateTime? ReadAtUtc);

public sealed record NotificationPageDto(int Total, int Unread, int Page, int PageSize, List<NotificationDto> Items);

public sealed record PreferencesDto(NotificationDelivery Delivery, bool MuteReminders);

/// <summary>How many notifications were marked read.</summary>
public sealed record MarkedRead(int Marked);

/// <summary>/api/v1/notifications: the caller's own notifications and choices; nobody sees another person's.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");

        group.MapGet("", PageAsync).WithSummary("Mes notifications, les plus récentes d'abord (unread=true : seulement les non lues ; 50 par page)");
        group.MapPost("/{notificationId:guid}/read", MarkReadAsync).WithSummary("Marque une notification comme lue");
        group.MapPost("/read-all", MarkAllReadAsync).WithSummary("Marque toutes mes notifications comme lues");
        group.MapGet("/preferences", PreferencesAsync).WithSummary("Mes préférences : courriel immédiat ou résumé quotidien, rappels désactivés ou non");
        group.MapPut("/preferences", SetPreferencesAsync)
            .WithSummary("Change mes préférences (les rappels des dates fixées par la convention ne se désactivent pas)");
    }

    private static async Task<Ok<NotificationPageDto>> PageAsync(bool? unread, int? page, HttpContext http, NotificationQueries notifications, CancellationToken ct)
    {
        var (userId, admin) = Caller(http);
        var (rows, total) = await notifications.PageAsync(userId, admin, unread == true, page ?? 1, ct);
        return TypedResults.Ok(new NotificationPageDto(total, await notifications.UnreadCountAsync(userId, admin, ct), Math.Max(page ?? 1, 1), NotificationQueries.PageSize,
            [.. rows.Select(r => new NotificationDto(r.Id, r.AgreementId, r.AgreementReference, r.Kind, r.Title, r.Body, r.Link, r.CreatedAtUtc, r.ReadAtUtc))]));
    }

    private static async Task<Results<NoContent, Refusal>> MarkReadAsync(Guid notificationId, HttpContext http, NotificationQueries notifications, CancellationToken ct)
    {
        var (userId, admin) = Caller(http);
        return await notifications.MarkReadAsync(userId, admin, notificationId, ct) is null
            ? new Refusal([DomainError.NotFound("Cette notification n'existe pas.")])
            : TypedResults.NoContent();
    }

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(HttpContext http, NotificationQueries notifications, CancellationToken ct)
    {
        var (userId, admin) = Caller(http);
        return TypedResults.Ok(new MarkedRead(await notifications.MarkAllReadAsync(userId, admin, ct)));
    }

    private static async Task<Ok<PreferencesDto>> PreferencesAsync(HttpContext http, NotificationQueries notifications, CancellationToken ct)
    {
        var p = await notifications.PreferencesAsync(Caller(http).UserId, ct);
        return TypedResults.Ok(new PreferencesDto(p.Delivery, p.MuteReminders));
    }

    private static async Task<Results<Ok<PreferencesDto>, Refusal>> SetPreferencesAsync(PreferencesDto input, HttpContext http, NotificationQueries notifications, CancellationToken ct)
    {
        var result = await notifications.SetPreferencesAsync(Caller(http).UserId, new NotificationPreferences(input.Delivery, input.MuteReminders), ct);
        return result.IsFailure ? new Refusal(result.Errors) : TypedResults.Ok(input);
    }

    private static (string UserId, bool IsAdministrator) Caller(HttpContext http) =>
        (http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole));
}
