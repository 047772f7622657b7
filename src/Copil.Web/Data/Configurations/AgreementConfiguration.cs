using Copil.Domain.Agreements;
using Copil.Web.Features.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Copil.Web.Data.Configurations;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("Agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.Reference).HasMaxLength(60);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.LegalBasis).HasMaxLength(500);
        builder.Property(a => a.SignedAt).HasMaxLength(100);
        builder.Property(a => a.TermArticle).HasMaxLength(40);
        builder.Property(a => a.CommitteeArticle).HasMaxLength(40);
        builder.Property(a => a.VoidReason).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Details);
        builder.Ignore(a => a.MajorityRule);
        builder.Ignore(a => a.IsDeclination);

        // A regional declination names its national agreement (art. 3 and 4). No foreign key: SQLite would rebuild the
        // whole table outside a transaction to add one, and agreements are never deleted.
        builder.HasIndex(a => a.NationalAgreementId);
        builder.Property(a => a.RegionCode).HasMaxLength(10);
        builder.Property(a => a.OverriddenTerms).HasJsonConversion();

        builder.ComplexProperty(a => a.Terms, terms =>
        {
            terms.Property(t => t.NoticePeriodArticle).HasMaxLength(40);
            terms.Property(t => t.DocumentsLeadArticle).HasMaxLength(40);
            terms.Property(t => t.MinutesReviewArticle).HasMaxLength(40);
            terms.Property(t => t.AnnualReportArticle).HasMaxLength(40);
            terms.Property(t => t.SpringMeetingArticle).HasMaxLength(40);
            terms.Property(t => t.ManagementFeeArticle).HasMaxLength(40);
            terms.Property(t => t.ReminderOffsets).HasMaxLength(60).HasDefaultValue("7, 2, 0");
        });

        builder.HasOne(a => a.Termination).WithOne().HasForeignKey<Termination>("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Termination).UsePropertyAccessMode(PropertyAccessMode.Property);

        builder.HasMany(a => a.Parties).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Signatories).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Axes).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Seats).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Invitees).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.YearlyCeilings).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Amendments).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(Agreement.Parties), nameof(Agreement.Signatories), nameof(Agreement.Axes), nameof(Agreement.Seats), nameof(Agreement.Invitees), nameof(Agreement.YearlyCeilings), nameof(Agreement.Amendments) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("Parties");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.ShortName).HasMaxLength(40);
        builder.Property(p => p.ReviewingDirectorate).HasMaxLength(40);
        builder.Property(p => p.ReviewingDirectorateName).HasMaxLength(200);
        builder.Ignore(p => p.IsState);
    }
}

internal sealed class SignatoryConfiguration : IEntityTypeConfiguration<Signatory>
{
    public void Configure(EntityTypeBuilder<Signatory> builder)
    {
        builder.ToTable("Signatories");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Role).HasMaxLength(200);
    }
}

internal sealed class CooperationAxisConfiguration : IEntityTypeConfiguration<CooperationAxis>
{
    public void Configure(EntityTypeBuilder<CooperationAxis> builder)
    {
        builder.ToTable("CooperationAxes");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.Article).HasMaxLength(40);
    }
}

internal sealed class CommitteeSeatConfiguration : IEntityTypeConfiguration<CommitteeSeat>
{
    public void Configure(EntityTypeBuilder<CommitteeSeat> builder)
    {
        builder.ToTable("CommitteeSeats");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Holder).HasMaxLength(200);
        builder.Property(p => p.Substitute).HasMaxLength(200);
    }
}

internal sealed class CommitteeInviteeConfiguration : IEntityTypeConfiguration<CommitteeInvitee>
{
    public void Configure(EntityTypeBuilder<CommitteeInvitee> builder)
    {
        builder.ToTable("CommitteeInvitees");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Organisation).HasMaxLength(200);
        builder.Property(p => p.Capacity).HasMaxLength(200);
    }
}

internal sealed class YearlyCeilingConfiguration : IEntityTypeConfiguration<YearlyCeiling>
{
    public void Configure(EntityTypeBuilder<YearlyCeiling> builder)
    {
        builder.ToTable("YearlyCeilings");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex("AgreementId", nameof(YearlyCeiling.Year)).IsUnique();

        // Bumped by every validation checked against this ceiling under a blocking policy: two validations of the same
        // year saved at once cannot both pass a check made before the other was saved (ADR 12).
        builder.Property<int>(YearCommitmentStamp.PropertyName).IsConcurrencyToken().HasDefaultValue(0);
    }
}

internal sealed class TerminationConfiguration : IEntityTypeConfiguration<Termination>
{
    public void Configure(EntityTypeBuilder<Termination> builder)
    {
        builder.ToTable("Terminations");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Reason).HasMaxLength(2000);
        builder.Ignore(p => p.EffectiveOn);
    }
}

internal sealed class AmendmentConfiguration : IEntityTypeConfiguration<Amendment>
{
    public void Configure(EntityTypeBuilder<Amendment> builder)
    {
        builder.ToTable("Amendments");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Summary).HasMaxLength(2000);
        builder.OwnsMany(a => a.Changes, c =>
        {
            c.ToTable("AmendmentChanges");
            c.WithOwner().HasForeignKey("AmendmentId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Subject).HasMaxLength(200);
            c.Property(x => x.Before).HasMaxLength(200);
            c.Property(x => x.After).HasMaxLength(200);
        });
        builder.Navigation(a => a.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
