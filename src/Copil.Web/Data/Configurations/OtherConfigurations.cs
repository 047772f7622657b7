using Copil.Domain.Access;
using Copil.Domain.Reference;
using Copil.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Copil.Web.Data.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Organisation).HasMaxLength(200);
        builder.HasIndex(m => new { m.UserId, m.AgreementId });
        builder.HasIndex(m => m.AgreementId);
        builder.HasOne<Copil.Domain.Agreements.Agreement>().WithMany().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CopilUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.AgreementId, a.Id });
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(100);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<CopilUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Agent).HasMaxLength(200);
        builder.Property(s => s.EndReason).HasMaxLength(100);
        builder.HasIndex(s => new { s.UserId, s.EndedAtUtc });
        builder.HasOne<CopilUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TradesCampusConfiguration : IEntityTypeConfiguration<TradesCampus>
{
    public void Configure(EntityTypeBuilder<TradesCampus> builder)
    {
        builder.ToTable("TradesCampuses");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(300);
        builder.Property(t => t.RegionCode).HasMaxLength(4);
        builder.Property(t => t.Sector).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Notifications.OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LeaseOwner).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => new { m.AgreementId, m.Status });
        builder.HasIndex(m => m.CreatedAtUtc);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Notifications.Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasOne<CopilUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.CreatedAtUtc });
        // Covering for the unread count of the header, on every page: no table lookup per row (9.2 → 1.0 ms in the performance issue).
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc, n.AgreementId });
        builder.HasIndex(n => new { n.DigestPending, n.UserId });
    }
}

internal sealed class CopilUserConfiguration : IEntityTypeConfiguration<CopilUser>
{
    public void Configure(EntityTypeBuilder<CopilUser> builder)
    {
        builder.Property(u => u.CalendarFeedTokenHash).HasMaxLength(64);
        builder.HasIndex(u => u.CalendarFeedTokenHash).IsUnique();
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<Copil.Web.Api.IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Api.IdempotentRequest> builder)
    {
        builder.ToTable("IdempotentRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAtUtc);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Attachments.StoredFile>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Attachments.StoredFile> builder)
    {
        builder.ToTable("StoredFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Content).IsRequired();
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Copil.Web.Features.Attachments.Attachment>
{
    public void Configure(EntityTypeBuilder<Copil.Web.Features.Attachments.Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(120);
        builder.Property(a => a.ContentType).HasMaxLength(120);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.Description).HasMaxLength(300);
        builder.Property(a => a.UploadedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.AgreementId, a.ActionSheetId });
        builder.HasOne<Copil.Domain.Actions.ActionSheet>().WithMany().HasForeignKey(a => a.ActionSheetId).OnDelete(DeleteBehavior.Cascade);
    }
}
