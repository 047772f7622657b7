using System.Security.Claims;
using System.Security.Cryptography;
using Copil.Domain.Common;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Api;

/// <summary>
/// The first answer to an API POST sent with an <c>Idempotency-Key</c> header, kept 24 hours for the person who sent
/// it: a retry with the same key (the connection dropped after the server committed) gets that answer again and
/// creates nothing.
/// </summary>
public sealed class IdempotentRequest
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, the path and the body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Null while the first request runs.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }
}

/// <summary>
/// Answers a repeated API POST from its first answer (IETF draft "The Idempotency-Key HTTP Header Field"): a retry that
/// arrives while the first request still runs gets 409; the same key with another body gets 422; a 5xx is not kept,
/// so that the retry runs again. Requests without the header are untouched.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext http)
    {
        var key = http.Request.Headers[Header].ToString();
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!HttpMethods.IsPost(http.Request.Method) || string.IsNullOrEmpty(key) || userId is null)
        {
            await next(http);
            return;
        }

        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            await Refuse(http, 400, "request.idempotency-key", "Requête invalide", "L'en-tête Idempotency-Key contient de 1 à 200 caractères ASCII visibles (un UUID, par exemple).");
            return;
        }

        http.Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        http.Request.Body.Position = 0;
        var requestHash = Convert.ToHexString(hash.GetHashAndReset());

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new IdempotentRequest { Id = Guid.NewGuid(), UserId = userId, Key = key, RequestHash = requestHash, CreatedAtUtc = now };
        // Answers older than a day are of no use to anyone (and may hold personal data): gone at the next keyed request.
        await db.Set<IdempotentRequest>().Where(r => r.CreatedAtUtc < now - Kept).ExecuteDeleteAsync(http.RequestAborted);
        db.Set<IdempotentRequest>().Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // The key was used before (the unique index said so): answer from the first request.
            db.ChangeTracker.Clear();
            var first = await db.Set<IdempotentRequest>().AsNoTracking().FirstAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            await ReplayAsync(http, first, requestHash);
            return;
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        var kept = false;
        try
        {
            await next(http);
            if (http.Response.StatusCode < 500)
            {
                await db.Set<IdempotentRequest>().Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, http.Response.StatusCode)
                    .SetProperty(r => r.ContentType, http.Response.ContentType)
                    .SetProperty(r => r.Location, http.Response.Headers.Location.ToString())
                    .SetProperty(r => r.Body, captured.ToArray()), CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!kept)
            {
                // Not answered, or a server error: the key is free again for a retry.
                await db.Set<IdempotentRequest>().Where(r => r.Id == record.Id).ExecuteDeleteAsync(CancellationToken.None);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotentRequest first, string requestHash)
    {
        if (first.RequestHash != requestHash)
        {
            await Refuse(http, 422, "request.idempotency-key.reused", "Clé déjà utilisée",
                "Cette clé Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour chaque nouvelle demande.");
            return;
        }

        if (first.StatusCode is not { } status)
        {
            http.Response.Headers.RetryAfter = "1";
            await Refuse(http, 409, "request.idempotency-key.running", "Requête en cours",
                "La première requête envoyée avec cette clé est encore en cours : réessayez dans un instant, elle ne sera pas exécutée deux fois.");
            return;
        }

        http.Response.StatusCode = status;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(first.ContentType))
        {
            http.Response.ContentType = first.ContentType;
        }

        if (!string.IsNullOrEmpty(first.Location))
        {
            http.Response.Headers.Location = first.Location;
        }

        if (first.Body is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static Task Refuse(HttpContext http, int status, string code, string title, string message) =>
        (status == 400
            ? ApiSupport.Problem([new DomainError(code, message, null)])
            : TypedResults.Problem(statusCode: status, title: title, detail: message, extensions: new Dictionary<string, object?> { ["code"] = code, ["codes"] = new[] { code } }))
        .ExecuteAsync(http);
}
