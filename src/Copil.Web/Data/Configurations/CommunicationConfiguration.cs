using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Communication;
using Copil.Domain.DigitalTools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Copil.Web.Data.Configurations;

/// <summary>Logo authorisations (art. 11): the materials of a request are one immutable description, kept as JSON.</summary>
internal sealed class LogoAuthorizationConfiguration : IEntityTypeConfiguration<LogoAuthorization>
{
    public void Configure(EntityTypeBuilder<LogoAuthorization> builder)
    {
        builder.ToTable("LogoAuthorizations");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(a => a.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.AgreementId, a.Number }).IsUnique();
        builder.Property(a => a.Materials).HasJsonConversion();
        builder.Property(a => a.RequestedByUserId).HasMaxLength(450);
        builder.Property(a => a.RequestedBy).HasMaxLength(256);
        builder.Property(a => a.RequestingOrganisation).HasMaxLength(300);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.Property(a => a.Conditions).HasMaxLength(2000);
        builder.Property(a => a.RefusalReason).HasMaxLength(2000);
        builder.Property(a => a.SignedLetterFileName).HasMaxLength(260);
        builder.Property(a => a.SignedLetterContentType).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class LogoUseConfiguration : IEntityTypeConfiguration<LogoUse>
{
    public void Configure(EntityTypeBuilder<LogoUse> builder)
    {
        builder.ToTable("LogoUses");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(u => u.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => u.AgreementId);
        builder.Property(u => u.MaterialTitle).HasMaxLength(LogoUse.MaxTitleLength);
        builder.Property(u => u.DeclaredByUserId).HasMaxLength(450);
        builder.Property(u => u.DeclaredBy).HasMaxLength(256);
        builder.Property(u => u.Version).IsConcurrencyToken();
    }
}

/// <summary>Digital tools (art. 12): each sheet is one document, kept as JSON; approvals are an append-only list.</summary>
internal sealed class DigitalToolConfiguration : IEntityTypeConfiguration<DigitalTool>
{
    public void Configure(EntityTypeBuilder<DigitalTool> builder)
    {
        builder.ToTable("DigitalTools");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ActionSheet>().WithMany().HasForeignKey(t => t.ActionSheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.AgreementId);
        builder.Property(t => t.Name).HasMaxLength(DigitalTool.MaxNameLength);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.Property(t => t.Address).HasMaxLength(500);
        builder.Property(t => t.DeclaredBy).HasMaxLength(256);
        builder.Property(t => t.OnlineRecordedBy).HasMaxLength(256);
        builder.Property(t => t.Gdpr).HasJsonConversion();
        builder.Property(t => t.Algorithm).HasJsonConversion();
        builder.Property(t => t.Approvals).HasJsonConversion();
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

/// <summary>The shared directory of art. 11: personal data, erased on request and after the retention period.</summary>
internal sealed class ContactConfiguration : IEntityTypeConfiguration<Copil.Domain.Relays.Contact>
{
    public void Configure(EntityTypeBuilder<Copil.Domain.Relays.Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.AgreementId, c.RegionCode });
        foreach (var property in new[] { "Name", "Function", "Service", "Establishment", "Email", "Phone" })
        {
            builder.Property(property).HasMaxLength(Copil.Domain.Relays.Contact.MaxLength);
        }

        builder.Property(c => c.RegionCode).HasMaxLength(10);
        builder.Ignore(c => c.TerritoryName);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class RelayConfiguration : IEntityTypeConfiguration<Copil.Domain.Relays.Relay>
{
    public void Configure(EntityTypeBuilder<Copil.Domain.Relays.Relay> builder)
    {
        builder.ToTable("Relays");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<ActionSheet>().WithMany().HasForeignKey(r => r.ActionSheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AgreementId, r.ActionSheetId });
        builder.Property(r => r.Network).HasMaxLength(300);
        builder.Property(r => r.Means).HasMaxLength(300);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
    }
}

/// <summary>The register of art. 10: loans, donations and access to resources given to establishments.</summary>
internal sealed class MaterialSupportConfiguration : IEntityTypeConfiguration<Copil.Domain.Materials.MaterialSupport>
{
    public void Configure(EntityTypeBuilder<Copil.Domain.Materials.MaterialSupport> builder)
    {
        builder.ToTable("MaterialSupports");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AgreementId, m.StartsOn });
        builder.Property(m => m.Description).HasMaxLength(2000);
        builder.Property(m => m.Establishment).HasMaxLength(300);
        builder.Property(m => m.RegionCode).HasMaxLength(10);
        builder.Property(m => m.RecordedBy).HasMaxLength(256);
        builder.Ignore(m => m.IsLoan);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}
