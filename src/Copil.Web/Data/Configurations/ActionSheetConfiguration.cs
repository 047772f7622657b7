using System.Text.Json;
using System.Text.Json.Serialization;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Copil.Web.Data.Configurations;

/// <summary>
/// A submitted version is an immutable snapshot: its content is stored as one JSON document (the same text on SQLite
/// and PostgreSQL). What lists filter and sort on is summarised in columns of the sheet itself.
/// </summary>
internal static class JsonColumn
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(new ValueConverter<T, string>(
                v => JsonSerializer.Serialize(v, Options),
                v => JsonSerializer.Deserialize<T>(v, Options)!),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

internal static class NullableJsonColumn
{
    /// <summary>The same for an optional value: null stays a database NULL (EF never hands null to a converter).</summary>
    public static PropertyBuilder<T?> HasNullableJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class =>
        property.HasConversion(new ValueConverter<T?, string?>(
                v => v == null ? null : JsonSerializer.Serialize(v, JsonColumn.Options),
                v => v == null ? null : JsonSerializer.Deserialize<T>(v, JsonColumn.Options)),
            new ValueComparer<T?>(
                (a, b) => JsonSerializer.Serialize(a, JsonColumn.Options) == JsonSerializer.Serialize(b, JsonColumn.Options),
                v => JsonSerializer.Serialize(v, JsonColumn.Options).GetHashCode(StringComparison.Ordinal),
                v => v == null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonColumn.Options), JsonColumn.Options)));
}

internal sealed class ActionSheetConfiguration : IEntityTypeConfiguration<ActionSheet>
{
    public void Configure(EntityTypeBuilder<ActionSheet> builder)
    {
        builder.ToTable("ActionSheets");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(s => s.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AgreementId, s.Number }).IsUnique();
        builder.HasIndex(s => new { s.AgreementId, s.Status });
        builder.HasIndex(s => new { s.AgreementId, s.CarrierOrganisation });
        builder.Property(s => s.CarrierOrganisation).HasMaxLength(200);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.RegionCodes).HasMaxLength(400);
        builder.Property(s => s.ClosingReason).HasMaxLength(2000);
        builder.Property(s => s.RevisionReason).HasMaxLength(ActionSheetContent.MaxTextLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Figures).HasNullableJsonConversion();
        builder.HasIndex(s => new { s.AgreementId, s.BudgetYear });

        // The sheets awaiting opinions (Submitted = 1, UnderReview = 2), in the order of their due dates: the échéancier
        // counts and pages them on this index alone. The same filter reads the same in SQLite and PostgreSQL.
        builder.HasIndex(s => new { s.AgreementId, s.ReviewSubmittedOn, s.Number }).HasDatabaseName("IX_ActionSheets_InReview").HasFilter("\"Status\" IN (1, 2)");
        builder.Ignore(s => s.CurrentVersion);
        builder.Ignore(s => s.ReviewedVersion);
        builder.Ignore(s => s.ApprovedVersion);
        builder.Ignore(s => s.EffectiveContent);
        builder.Ignore(s => s.PendingChange);
        builder.Ignore(s => s.AwaitsCommitteeDecision);

        builder.OwnsMany(s => s.Versions, v =>
        {
            v.ToTable("ActionSheetVersions");
            v.WithOwner().HasForeignKey("ActionSheetId");
            v.HasKey(x => x.Id);
            v.Property(x => x.Id).ValueGeneratedNever();
            v.Property(x => x.Content).HasJsonConversion();
            v.Ignore(x => x.IsSubmitted);
        });
        builder.OwnsMany(s => s.Opinions, o =>
        {
            o.ToTable("Opinions");
            o.WithOwner().HasForeignKey("ActionSheetId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Recommendations).HasMaxLength(ActionSheetContent.MaxTextLength);
            o.Property(x => x.Comment).HasMaxLength(ActionSheetContent.MaxTextLength);
            o.Property(x => x.GivenBy).HasMaxLength(256);
            o.Ignore(x => x.MeansSupport);
            o.Ignore(x => x.EnteredAfterwards);
            o.Property(x => x.Corrections).HasJsonConversion();
        });
        builder.OwnsMany(s => s.CommitteeDecisions, d =>
        {
            d.ToTable("CommitteeDecisions");
            d.WithOwner().HasForeignKey("ActionSheetId");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Reference).HasMaxLength(300);
            d.Property(x => x.SourceKind).HasMaxLength(20);
            d.Property(x => x.Corrections).HasJsonConversion();
        });
        builder.OwnsMany(s => s.BoardDecisions, d =>
        {
            d.ToTable("BoardDecisions");
            d.WithOwner().HasForeignKey("ActionSheetId");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Reference).HasMaxLength(300);
            d.Property(x => x.Corrections).HasJsonConversion();
        });
        builder.OwnsMany(s => s.ChangeRequests, c =>
        {
            c.ToTable("ChangeRequests");
            c.WithOwner().HasForeignKey("ActionSheetId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Reason).HasMaxLength(ActionSheetContent.MaxTextLength);
        });
        builder.OwnsOne(s => s.Report, r =>
        {
            r.ToTable("CompletionReports");
            r.WithOwner().HasForeignKey("ActionSheetId");
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Content).HasJsonConversion();
        });
        foreach (var navigation in new[] { nameof(ActionSheet.Versions), nameof(ActionSheet.Opinions), nameof(ActionSheet.CommitteeDecisions), nameof(ActionSheet.BoardDecisions), nameof(ActionSheet.ChangeRequests) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}
