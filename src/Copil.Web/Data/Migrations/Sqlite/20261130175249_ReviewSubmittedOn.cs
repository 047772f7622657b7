using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewSubmittedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewSubmittedOn",
                table: "ActionSheets",
                type: "TEXT",
                nullable: true);

            // Sheets stored before the column: the day their version in review was submitted.
            migrationBuilder.Sql("""
                UPDATE "ActionSheets" SET "ReviewSubmittedOn" = (
                    SELECT v."SubmittedOn" FROM "ActionSheetVersions" AS v
                    WHERE v."ActionSheetId" = "ActionSheets"."Id" AND v."Number" = "ActionSheets"."ReviewVersionNumber")
                WHERE "ReviewVersionNumber" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ActionSheets_InReview",
                table: "ActionSheets",
                columns: new[] { "AgreementId", "ReviewSubmittedOn", "Number" },
                filter: "\"Status\" IN (1, 2)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionSheets_InReview",
                table: "ActionSheets");

            migrationBuilder.DropColumn(
                name: "ReviewSubmittedOn",
                table: "ActionSheets");
        }
    }
}
