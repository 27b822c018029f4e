using System;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificate_disposals",
                columns: table => new
                {
                    issue_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    operator_id = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_disposals", x => x.issue_id);
                });

            migrationBuilder.CreateTable(
                name: "certificate_issue_subjects",
                columns: table => new
                {
                    issue_id = table.Column<long>(type: "bigint", nullable: false),
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_issue_subjects", x => new { x.issue_id, x.atena_number });
                });

            migrationBuilder.CreateTable(
                name: "certificate_issues",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    place = table.Column<string>(type: "text", nullable: false),
                    terminal = table.Column<string>(type: "text", nullable: false),
                    operator_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    form = table.Column<string>(type: "text", nullable: false),
                    copy_number = table.Column<int>(type: "integer", nullable: false),
                    copy_count = table.Column<int>(type: "integer", nullable: false),
                    page_count = table.Column<int>(type: "integer", nullable: false),
                    issue_number = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    requester_kind = table.Column<int>(type: "integer", nullable: false),
                    requester_name = table.Column<string>(type: "text", nullable: false),
                    requester_address = table.Column<string>(type: "text", nullable: true),
                    identification = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: true),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    official_use = table.Column<bool>(type: "boolean", nullable: false),
                    seal_printed = table.Column<bool>(type: "boolean", nullable: false),
                    individual_number_printed = table.Column<bool>(type: "boolean", nullable: false),
                    reissue = table.Column<bool>(type: "boolean", nullable: false),
                    support_approval_id = table.Column<long>(type: "bigint", nullable: true),
                    overflows = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_issues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "certificate_pages",
                columns: table => new
                {
                    verification_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    issue_id = table.Column<long>(type: "bigint", nullable: false),
                    page = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_pages", x => x.verification_code);
                });

            migrationBuilder.CreateTable(
                name: "konbini_cards",
                columns: table => new
                {
                    serial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    pin_hash = table.Column<string>(type: "text", nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    locked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_konbini_cards", x => x.serial);
                });

            migrationBuilder.CreateTable(
                name: "restrictions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    processes = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<int>(type: "integer", nullable: false),
                    ends_on = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    lifted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lifted_by = table.Column<string>(type: "text", nullable: true),
                    temporarily_released_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    released_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restrictions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_approvals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    atena_number = table.Column<string>(type: "text", nullable: false),
                    requester_name = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: false),
                    approved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_by_issue_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_approvals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_measures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    atena_number = table.Column<string>(type: "text", nullable: false),
                    applicant_atena_number = table.Column<string>(type: "text", nullable: true),
                    relation_to_applicant = table.Column<string>(type: "text", nullable: true),
                    provisional = table.Column<bool>(type: "boolean", nullable: false),
                    starts_on = table.Column<int>(type: "integer", nullable: false),
                    ends_on = table.Column<int>(type: "integer", nullable: false),
                    offender = table.Column<string>(type: "text", nullable: true),
                    services = table.Column<string>(type: "text", nullable: true),
                    contact = table.Column<string>(type: "text", nullable: true),
                    ended_on = table.Column<int>(type: "integer", nullable: true),
                    end_reason = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_measures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_certificate_issue_subjects_atena_number_issue_id",
                table: "certificate_issue_subjects",
                columns: new[] { "atena_number", "issue_id" });

            migrationBuilder.CreateIndex(
                name: "ix_certificate_issues_issue_number",
                table: "certificate_issues",
                column: "issue_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificate_issues_issued_at",
                table: "certificate_issues",
                column: "issued_at");

            migrationBuilder.CreateIndex(
                name: "ix_certificate_issues_operator_id_issued_at",
                table: "certificate_issues",
                columns: new[] { "operator_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_certificate_pages_issue_id",
                table: "certificate_pages",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_konbini_cards_atena_number",
                table: "konbini_cards",
                column: "atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_restrictions_target_scope",
                table: "restrictions",
                columns: new[] { "target", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_support_approvals_atena_number",
                table: "support_approvals",
                column: "atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_support_measures_atena_number",
                table: "support_measures",
                column: "atena_number");

            // 交付履歴 is never rewritten (j300): a disposal is a row of its own.
            foreach (var sql in AppendOnlyTriggers.Postgres("certificate_issues", "certificate_issue_subjects", "certificate_pages", "certificate_disposals"))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.PostgresDrop("certificate_issues", "certificate_issue_subjects", "certificate_pages", "certificate_disposals").Where(s => !s.StartsWith("DROP FUNCTION", StringComparison.Ordinal)))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "certificate_disposals");

            migrationBuilder.DropTable(
                name: "certificate_issue_subjects");

            migrationBuilder.DropTable(
                name: "certificate_issues");

            migrationBuilder.DropTable(
                name: "certificate_pages");

            migrationBuilder.DropTable(
                name: "konbini_cards");

            migrationBuilder.DropTable(
                name: "restrictions");

            migrationBuilder.DropTable(
                name: "support_approvals");

            migrationBuilder.DropTable(
                name: "support_measures");
        }
    }
}
