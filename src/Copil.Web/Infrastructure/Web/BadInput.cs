using System.Text.Json;
using System.Text.RegularExpressions;
using Copil.Domain.Common;
using Copil.Web.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Copil.Web.Infrastructure.Web;

/// <summary>
/// Every request the framework cannot read — a body that is not the JSON expected, a value of the wrong type, a date
/// out of range, a truncated or malformed upload, a body over the limit — answers 4xx with a French message naming the
/// field, in every environment (the Development exception page included): bad input is never a server error. The API
/// answers problem+json; the pages answer their French status page.
/// </summary>
public sealed partial class BadInputMiddleware(RequestDelegate next)
{
    /// <summary>Where the French message waits for the status page the pages re-execute.</summary>
    public const string MessageKey = "copil.bad-input";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception) when (Describe(exception, BodyType(http)) is { } bad && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = bad.Status;
            // The French page is rendered by re-executing the request: it must not read the refused body a second time
            // (Kestrel would then answer its own empty 413 or 400).
            http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
            if (!http.Request.Path.StartsWithSegments("/api/v1"))
            {
                // A person sees the form's labels, not its field names: the message alone.
                http.Items[MessageKey] = exception is BadInputException input ? input.Message : bad.Message;
                // The status code page middleware outside renders the French page.
                return;
            }

            var problem = bad.Status == StatusCodes.Status400BadRequest
                ? ApiSupport.Problem([new DomainError(bad.Code, bad.Message, bad.Field)])
                : TypedResults.Problem(statusCode: bad.Status, title: bad.Title, detail: bad.Message,
                    extensions: new Dictionary<string, object?> { ["code"] = bad.Code, ["codes"] = new[] { bad.Code }, ["problems"] = new[] { new ProblemEntry(bad.Code, bad.Message, bad.Field) } });
            await problem.ExecuteAsync(http);
        }
    }

    /// <summary>What went wrong with the input, in French, or null when the exception is not about the input.</summary>
    /// <param name="bodyType">The type the endpoint reads its JSON body as, to say what a field expects.</param>
    public static BadInputProblem? Describe(Exception exception, Type? bodyType = null) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json, bodyType),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new(StatusCodes.Status415UnsupportedMediaType, "request.media-type", "Format non pris en charge", "Envoyez du JSON (Content-Type: application/json).", null),
        BadHttpRequestException bad => FromMessage(bad),
        JsonException json => FromJson(json, bodyType),
        BadInputException input => new(StatusCodes.Status400BadRequest, "request.value", "Requête invalide", input.Field is null ? input.Message : $"« {input.Field} » : {input.Message}", input.Field),
        InvalidDataException data when data.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => TooLarge(),
        InvalidDataException => new(StatusCodes.Status400BadRequest, "request.form", "Requête invalide",
            "Le formulaire envoyé est mal formé ou incomplet (envoi interrompu ?) : rien n'a été enregistré, envoyez-le à nouveau.", null),
        IOException io when io.Message.Contains("Unexpected end of", StringComparison.OrdinalIgnoreCase) => new(StatusCodes.Status400BadRequest, "request.truncated", "Requête invalide",
            "La requête est arrivée incomplète : rien n'a été enregistré, envoyez-la à nouveau.", null),
        _ => null,
    };

    private static BadInputProblem TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "request.too-large", "Requête trop volumineuse",
        "La requête dépasse la taille autorisée (fichier de 10 Mo au plus) : rien n'a été enregistré.", null);

    private static Type? BodyType(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;

    private static BadInputProblem FromJson(JsonException json, Type? bodyType)
    {
        var field = json.Path is null or "$" ? null : FieldOf(json.Path);
        if (json.InnerException is BadInputException inner)
        {
            return new(StatusCodes.Status400BadRequest, "request.value", "Requête invalide", inner.Message, field);
        }

        if (field is null || json.Message.StartsWith('\'') || json.Message.Contains("is an invalid start", StringComparison.Ordinal)
            || json.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || json.Message.Contains("invalid end", StringComparison.OrdinalIgnoreCase))
        {
            var where = json.LineNumber is { } line ? $" (ligne {line + 1}, position {json.BytePositionInLine + 1})" : "";
            return new(StatusCodes.Status400BadRequest, "request.json", "Requête invalide",
                $"Le corps de la requête n'est pas un JSON valide{where} : envoyez un objet JSON complet.", field);
        }

        var expected = TypeAt(bodyType, field) is { } type ? Expected(type) : "une valeur d'un autre type";
        return new(StatusCodes.Status400BadRequest, "request.value", "Requête invalide", $"La valeur du champ « {field} » n'est pas valide : {expected} est attendu.", field);
    }

    private static BadInputProblem FromMessage(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var (type, name, value) = (failed.Groups[1].Value, failed.Groups[2].Value, failed.Groups[3].Value);
            return new(StatusCodes.Status400BadRequest, "request.parameter", "Requête invalide",
                $"La valeur « {Shorten(value)} » du paramètre « {name} » n'est pas valide : {Expected(type.TrimEnd('?'))} est attendu.", name);
        }

        if (Required().Match(bad.Message) is { Success: true } missing)
        {
            return new(StatusCodes.Status400BadRequest, "request.parameter.required", "Requête invalide", $"Le paramètre « {missing.Groups[1].Value} » est obligatoire.", missing.Groups[1].Value);
        }

        if (bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) || bad.Message.Contains("body was empty", StringComparison.OrdinalIgnoreCase))
        {
            return new(StatusCodes.Status400BadRequest, "request.body.missing", "Requête invalide", "Le corps de la requête est vide : envoyez l'objet JSON attendu.", null);
        }

        return new(bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest, "request.invalid", "Requête invalide",
            "La requête est mal formée : une valeur n'est pas valide (dates au format AAAA-MM-JJ, identifiants au format GUID, nombres entiers).", null);
    }

    /// <summary>"$.annex.lines[0].amountCents" → "annex.lines[0].amountCents".</summary>
    private static string FieldOf(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>The type found at a JSON path of the body ("annex.expenses[0].amountCents"), or null.</summary>
    private static Type? TypeAt(Type? type, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part.Split('[')[0];
            var property = type?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            type = property?.PropertyType;
            if (type is not null && part.Contains('[', StringComparison.Ordinal))
            {
                type = ElementType(type);
            }
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1]
        : null;

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "un nombre entier",
            _ when type == typeof(decimal) || type == typeof(double) => "un nombre",
            _ when type == typeof(bool) => "true ou false",
            _ when type == typeof(DateOnly) => "une date au format AAAA-MM-JJ",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "une date et heure au format ISO 8601",
            _ when type == typeof(Guid) => "un identifiant au format GUID",
            _ when type == typeof(string) => "un texte",
            { IsEnum: true } => $"une des valeurs {string.Join(", ", Enum.GetNames(type))}",
            _ when ElementType(type) is not null && type != typeof(string) => "une liste",
            _ => "un objet JSON de la forme attendue",
        };
    }

    /// <summary>For a route or query parameter: the framework's type name ("int", "Guid").</summary>
    private static string Expected(string typeName) => typeName.TrimEnd('?') switch
    {
        "int" or "Int32" or "long" or "Int64" => "un nombre entier",
        "DateOnly" => "une date au format AAAA-MM-JJ",
        "Guid" => "un identifiant au format GUID",
        "bool" or "Boolean" => "true ou false",
        var name when typeof(Result).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == name) is { } type => Expected(type),
        _ => "une valeur d'un autre type",
    };

    [GeneratedRegex("""Failed to bind parameter "([\w\.\?<>`\[\]]+) (\w+)" from "(.*)"\.""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "[\w\.\?<>`\[\]]+ (\w+)" was not provided""")]
    private static partial Regex Required();
}

/// <summary>A request the framework could not read: status, stable code, French title and message, the field concerned.</summary>
public sealed record BadInputProblem(int Status, string Code, string Title, string Message, string? Field);

/// <summary>Thrown where values enter (JSON converters, the sane-values check) with a French message; answered 400, naming the field.</summary>
public sealed class BadInputException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Where requests enter: the checks every value gets before any use case sees it.</summary>
public static class BadInputSetup
{
    /// <summary>The largest request: one file of <see cref="Features.Attachments.FileInspector.MaxBytes"/> and its form.</summary>
    public const long MaxRequestBytes = Features.Attachments.FileInspector.MaxBytes + (1024 * 1024);

    public static void AddBadInputHandling(this IServiceCollection services)
    {
        // Binding failures become exceptions in every environment, so the middleware can name the field in French.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new SaneDateConverter());
            o.SerializerOptions.Converters.Add(new SaneTextConverter());
            o.SerializerOptions.AllowDuplicateProperties = false;
            // A null where the contract says a value (a list, a text) is a 400 naming the field, not a crash further on.
            o.SerializerOptions.RespectNullableAnnotations = true;
        });
    }

    /// <summary>After routing: route, query and form values checked before any page or endpoint sees them.</summary>
    public static IApplicationBuilder UseSaneValues(this IApplicationBuilder app) => app.UseMiddleware<SaneValuesMiddleware>();

    public static IApplicationBuilder UseBadInputHandling(this IApplicationBuilder app) =>
        app.UseMiddleware<BadInputMiddleware>().Use(async (http, next) =>
        {
            // The limit of the largest upload, for the pages' multipart forms as for the API.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxRequestBytes;
            }

            await next(http);
        });
}

/// <summary>
/// The values every request carries outside a JSON body — route, query string, form fields — checked once where they
/// enter: no control character (line breaks and tabs allowed in form text), years and dates within
/// <see cref="SaneInput"/>'s range. A refusal names the field; the use case is never called.
/// </summary>
public sealed partial class SaneValuesMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            // The status page re-executed for a refusal: the values were already judged.
            await next(http);
            return;
        }

        foreach (var (key, value) in http.Request.RouteValues)
        {
            Check(key, value?.ToString(), multiline: false);
        }

        foreach (var (key, values) in http.Request.Query)
        {
            foreach (var value in values)
            {
                Check(key, value, multiline: false);
            }
        }

        if (http.Request.HasFormContentType && !http.Request.Path.StartsWithSegments("/api/v1"))
        {
            // Read here so that a malformed or oversized form is refused before any page; its values are judged by
            // PageFormValuesFilter, which shows each refusal next to its field.
            await http.Request.ReadFormAsync(http.RequestAborted);
        }

        await next(http);
    }

    private static void Check(string key, string? value, bool multiline)
    {
        if (Judge(key, value, multiline) is { } refusal)
        {
            throw new BadInputException(refusal, key);
        }
    }

    /// <summary>Why a value cannot enter (a control character, a year or a date out of range), in French, or null.</summary>
    public static string? Judge(string key, string? value, bool multiline)
    {
        if (value is null or "")
        {
            return null;
        }

        if (SaneInput.HasControlCharacter(value, multiline))
        {
            return SaneInput.ControlCharacterMessage;
        }

        var isYear = key.Equals("year", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".Year", StringComparison.OrdinalIgnoreCase);
        if (isYear && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var year) && !SaneInput.IsSaneYear(year))
        {
            return SaneInput.YearRangeMessage;
        }

        return IsoDate().IsMatch(value) && (!DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) || !SaneInput.IsSaneDate(date))
            ? SaneInput.DateRangeMessage
            : null;
    }

    [GeneratedRegex(@"^-?\d{1,6}-\d{1,2}-\d{1,2}$")]
    private static partial Regex IsoDate();
}

/// <summary>A form posted to a page without a handler for it (a forged or stale form): 400, instead of rendering an unloaded page.</summary>
public sealed class UnknownHandlerFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.HttpContext.Items[BadInputMiddleware.MessageKey] = "Ce formulaire ne correspond à aucune action de la page.";
            context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
            return;
        }

        await next();
    }
}

/// <summary>
/// The values of a form posted to a page, judged before its handler runs (as the API's are): a refused value is shown
/// next to its field on the page, filled in as it was sent, and nothing is saved. The page is redisplayed by its own
/// GET handler (which loads what it shows) with the posted values put back; a page without one answers the French
/// status page.
/// </summary>
public sealed class PageFormValuesFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || !request.HasFormContentType)
        {
            await next();
            return;
        }

        var refusals = (await request.ReadFormAsync(context.HttpContext.RequestAborted))
            .Where(field => field.Key != "__RequestVerificationToken")
            .SelectMany(field => field.Value.Select(value => (field.Key, Message: SaneValuesMiddleware.Judge(field.Key, value, multiline: true))))
            .Where(x => x.Message is not null)
            .DistinctBy(x => x.Key)
            .ToList();
        if (refusals.Count == 0)
        {
            await next();
            return;
        }

        if (context.HandlerInstance is not Microsoft.AspNetCore.Mvc.RazorPages.PageModel page || FindGetHandler(page.GetType()) is not { } get)
        {
            context.HttpContext.Items[BadInputMiddleware.MessageKey] = refusals[0].Message;
            context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
            return;
        }

        // The GET handler may set the bound properties from what is stored: the values sent are put back after it.
        var bound = page.GetType().GetProperties()
            .Where(p => p.CanWrite && p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), inherit: true).Length > 0)
            .Select(p => (Property: p, Value: p.GetValue(page)))
            .ToList();
        var loaded = get.Invoke(page, null) switch
        {
            Task<Microsoft.AspNetCore.Mvc.IActionResult> task => await task,
            Task task => await task.ContinueWith(_ => (Microsoft.AspNetCore.Mvc.IActionResult?)null, TaskScheduler.Default),
            Microsoft.AspNetCore.Mvc.IActionResult result => result,
            _ => null,
        };
        if (loaded is not (null or Microsoft.AspNetCore.Mvc.RazorPages.PageResult))
        {
            // The page cannot be shown (not found, no longer allowed): its answer stands.
            context.Result = loaded;
            return;
        }

        foreach (var (property, value) in bound)
        {
            property.SetValue(page, value);
        }

        foreach (var (key, message) in refusals)
        {
            page.ModelState.AddModelError(key, message!);
        }

        var redisplay = page.Page();
        redisplay.StatusCode = StatusCodes.Status400BadRequest;
        context.Result = redisplay;
    }

    private static System.Reflection.MethodInfo? FindGetHandler(Type pageType) =>
        pageType.GetMethod("OnGetAsync", Type.EmptyTypes) ?? pageType.GetMethod("OnGet", Type.EmptyTypes);
}
