using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RemainingJ10J20Items : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "alias_deleted_by",
                table: "resident_history",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "alias_deleted_on",
                table: "resident_history",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "authentication_certificate_serial",
                table: "resident_history",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_issuance_status",
                table: "resident_history",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "former_alien_registration_date",
                table: "resident_history",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_adult_ward",
                table: "resident_history",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "last_registered_address",
                table: "resident_history",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "moved_in_with_landing_permit",
                table: "resident_history",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "residence_notified",
                table: "resident_history",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "signature_certificate_serial",
                table: "resident_history",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "alias_deleted_by",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "alias_deleted_on",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "authentication_certificate_serial",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "card_issuance_status",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "former_alien_registration_date",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "is_adult_ward",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "last_registered_address",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "moved_in_with_landing_permit",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "residence_notified",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "signature_certificate_serial",
                table: "resident_history");
        }
    }
}
