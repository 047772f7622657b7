using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FilesAndIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserId_ReadAtUtc",
                table: "Notifications");

            migrationBuilder.CreateTable(
                name: "IdempotentRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotentRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAtUtc_AgreementId",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAtUtc", "AgreementId" });

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_CreatedAtUtc",
                table: "IdempotentRequests",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_UserId_Key",
                table: "IdempotentRequests",
                columns: new[] { "UserId", "Key" },
                unique: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewSubmittedOn",
                table: "ActionSheets",
                type: "date",
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

            migrationBuilder.DropTable(
                name: "IdempotentRequests");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserId_ReadAtUtc_AgreementId",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAtUtc" });
        }
    }
}
