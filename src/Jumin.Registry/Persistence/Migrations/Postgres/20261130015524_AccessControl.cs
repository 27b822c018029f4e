using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "rights_version",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "second_factor_last_step",
                table: "users",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "second_factor_secret",
                table: "users",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<int>(
                name: "valid_from",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "valid_until",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "active",
                table: "terminals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "terminals",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "registered_at",
                table: "terminals",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "registered_by",
                table: "terminals",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "scheduled_account_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    effective_on = table.Column<int>(type: "integer", nullable: false),
                    department = table.Column<string>(type: "text", nullable: true),
                    permissions = table.Column<string>(type: "text", nullable: true),
                    visible_items = table.Column<string>(type: "text", nullable: true),
                    valid_until = table.Column<int>(type: "integer", nullable: true),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    applied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_account_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_account_changes_user_id_effective_on",
                table: "scheduled_account_changes",
                columns: new[] { "user_id", "effective_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_account_changes");

            migrationBuilder.DropColumn(
                name: "rights_version",
                table: "users");

            migrationBuilder.DropColumn(
                name: "second_factor_last_step",
                table: "users");

            migrationBuilder.DropColumn(
                name: "second_factor_secret",
                table: "users");

            migrationBuilder.DropColumn(
                name: "valid_from",
                table: "users");

            migrationBuilder.DropColumn(
                name: "valid_until",
                table: "users");

            migrationBuilder.DropColumn(
                name: "active",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "address",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "registered_at",
                table: "terminals");

            migrationBuilder.DropColumn(
                name: "registered_by",
                table: "terminals");
        }
    }
}
