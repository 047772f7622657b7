using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Copil.Domain.Common;

namespace Copil.Web.Infrastructure.Web;

/// <summary>A date of the API: ISO 8601 (AAAA-MM-JJ) and within <see cref="SaneInput"/>'s range, or a 400 naming the field.</summary>
public sealed class SaneDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new JsonException(null, new BadInputException("La date n'est pas valide : une date au format AAAA-MM-JJ est attendue (par exemple 2026-03-12)."));
        }

        return SaneInput.IsSaneDate(date) ? date : throw new JsonException(null, new BadInputException(SaneInput.DateRangeMessage));
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>A text of the API: no control character but line breaks and tabs (<see cref="SaneInput"/>), or a 400 naming the field.</summary>
public sealed class SaneTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(null, new BadInputException("Un texte entre guillemets est attendu."));
        }

        var text = reader.GetString();
        return SaneInput.HasControlCharacter(text, multiline: true) ? throw new JsonException(null, new BadInputException(SaneInput.ControlCharacterMessage)) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
