using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Copil.Web.Data.Configurations;

/// <summary>
/// A meeting is read and changed as a whole (its agenda, attendance and votes), so those lists are JSON documents of
/// the meeting row, the same text on SQLite and PostgreSQL; decisions are also on the action sheets they concern.
/// </summary>
internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AgreementId, m.MeetsOn });
        builder.Property(m => m.StartsAt).HasMaxLength(500);
        builder.Property(m => m.Place).HasMaxLength(500);
        builder.Property(m => m.VideoLink).HasMaxLength(500);
        builder.Property(m => m.Reason).HasMaxLength(500);
        builder.Property(m => m.CancellationReason).HasMaxLength(Meeting.MaxText);
        builder.Property(m => m.Items).HasJsonConversion();
        builder.Property(m => m.Presences).HasJsonConversion();
        builder.Property(m => m.InviteesPresent).HasJsonConversion();
        builder.Property(m => m.Votes).HasJsonConversion();
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.Details);
        builder.Ignore(m => m.Label);
        builder.Ignore(m => m.AttendanceRecorded);
    }
}

internal sealed class MinutesConfiguration : IEntityTypeConfiguration<Minutes>
{
    public void Configure(EntityTypeBuilder<Minutes> builder)
    {
        builder.ToTable("Minutes");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.MeetingId).IsUnique();
        builder.HasIndex(m => new { m.AgreementId, m.Status });
        builder.Property(m => m.Versions).HasJsonConversion();
        builder.Property(m => m.Reviews).HasJsonConversion();
        builder.Property(m => m.Validation).HasNullableJsonConversion();
        builder.Property(m => m.ReviewDueSource).HasMaxLength(500);
        builder.Property(m => m.ContentHash).HasMaxLength(64);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.Current);
    }
}

internal sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Committee.MeetingDocument>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Committee.MeetingDocument> builder)
    {
        builder.ToTable("MeetingDocuments");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.MeetingId, d.Title, d.VersionNumber }).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.FileName).HasMaxLength(120);
        builder.Property(d => d.ContentType).HasMaxLength(120);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.Status, c.ClosesOn });
        builder.HasIndex(c => c.AgreementId);
        builder.Property(c => c.Subject).HasMaxLength(300);
        builder.Property(c => c.Items).HasJsonConversion();
        builder.Property(c => c.Ballots).HasJsonConversion();
        builder.Property(c => c.Results).HasJsonConversion();
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class VoteLinkConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Committee.VoteLink>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Committee.VoteLink> builder)
    {
        builder.ToTable("VoteLinks");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<Consultation>().WithMany().HasForeignKey(l => l.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.ConsultationId, l.ItemId, l.SeatId });
        // Spending a link is checked against a concurrent use of the same link.
        builder.Property(l => l.UsedAtUtc).IsConcurrencyToken();
    }
}
