using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    operator_id = table.Column<string>(type: "text", nullable: false),
                    terminal = table.Column<string>(type: "text", nullable: false),
                    function = table.Column<string>(type: "text", nullable: false),
                    screen = table.Column<string>(type: "text", nullable: false),
                    target_atena_number = table.Column<string>(type: "text", nullable: true),
                    individual_number_accessed = table.Column<bool>(type: "boolean", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true),
                    previous_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "number_sequences",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    next_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_number_sequences", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "resident_history",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "integer", nullable: false),
                    change_reason = table.Column<int>(type: "integer", nullable: false),
                    change_date = table.Column<long>(type: "bigint", nullable: false),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    notification_date = table.Column<int>(type: "integer", nullable: true),
                    input_place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    input_terminal = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operator_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    change_note = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    given_name_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_kana_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    alphabet_name = table.Column<string>(type: "text", nullable: true),
                    former_surname = table.Column<string>(type: "text", nullable: true),
                    former_surname_kana = table.Column<string>(type: "text", nullable: true),
                    former_surname_kana_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    alias = table.Column<string>(type: "text", nullable: true),
                    alias_kana = table.Column<string>(type: "text", nullable: true),
                    alias_kana_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    alias_recorded_on = table.Column<int>(type: "integer", nullable: true),
                    alias_recorded_by = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    birth_date = table.Column<long>(type: "bigint", nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    household_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    household_head_atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    household_head_name = table.Column<string>(type: "text", nullable: true),
                    relationship = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    member_order = table.Column<int>(type: "integer", nullable: false),
                    de_facto_household_head_name = table.Column<string>(type: "text", nullable: true),
                    address_code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    banchi = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    katagaki = table.Column<string>(type: "text", nullable: true),
                    district_code = table.Column<string>(type: "text", nullable: true),
                    address_established_on = table.Column<long>(type: "bigint", nullable: false),
                    became_resident_on = table.Column<long>(type: "bigint", nullable: true),
                    became_foreign_resident_on = table.Column<long>(type: "bigint", nullable: true),
                    previous_postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    previous_address_code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    previous_address = table.Column<string>(type: "text", nullable: true),
                    previous_household_head_name = table.Column<string>(type: "text", nullable: true),
                    domicile_status = table.Column<int>(type: "integer", nullable: false),
                    domicile = table.Column<string>(type: "text", nullable: true),
                    head_of_family_register = table.Column<string>(type: "text", nullable: true),
                    planned_move_out_date = table.Column<int>(type: "integer", nullable: true),
                    planned_destination = table.Column<string>(type: "text", nullable: true),
                    planned_destination_postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    planned_destination_address_code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    planned_destination_household_head_name = table.Column<string>(type: "text", nullable: true),
                    confirmed_move_out_date = table.Column<int>(type: "integer", nullable: true),
                    confirmed_destination = table.Column<string>(type: "text", nullable: true),
                    confirmed_destination_postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    confirmed_destination_address_code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    confirmed_destination_household_head_name = table.Column<string>(type: "text", nullable: true),
                    move_in_notice_date = table.Column<int>(type: "integer", nullable: true),
                    removal_reason = table.Column<int>(type: "integer", nullable: true),
                    removal_date = table.Column<long>(type: "bigint", nullable: true),
                    resident_code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    individual_number = table.Column<byte[]>(type: "bytea", nullable: true),
                    nationality = table.Column<string>(type: "text", nullable: true),
                    article3045category = table.Column<int>(type: "integer", nullable: true),
                    status_of_residence = table.Column<string>(type: "text", nullable: true),
                    period_of_stay = table.Column<string>(type: "text", nullable: true),
                    period_of_stay_expires_on = table.Column<int>(type: "integer", nullable: true),
                    residence_card_number = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    on_electoral_register = table.Column<bool>(type: "boolean", nullable: false),
                    national_health_insurance = table.Column<bool>(type: "boolean", nullable: false),
                    national_health_insurance_from = table.Column<int>(type: "integer", nullable: true),
                    national_health_insurance_until = table.Column<int>(type: "integer", nullable: true),
                    late_stage_elderly_insurance = table.Column<bool>(type: "boolean", nullable: false),
                    late_stage_elderly_insurance_from = table.Column<int>(type: "integer", nullable: true),
                    late_stage_elderly_insurance_until = table.Column<int>(type: "integer", nullable: true),
                    long_term_care_insurance = table.Column<bool>(type: "boolean", nullable: false),
                    long_term_care_insurance_from = table.Column<int>(type: "integer", nullable: true),
                    long_term_care_insurance_until = table.Column<int>(type: "integer", nullable: true),
                    national_pension = table.Column<bool>(type: "boolean", nullable: false),
                    basic_pension_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    pension_category = table.Column<int>(type: "integer", nullable: true),
                    pension_category_changed_on = table.Column<int>(type: "integer", nullable: true),
                    national_pension_from = table.Column<int>(type: "integer", nullable: true),
                    national_pension_until = table.Column<int>(type: "integer", nullable: true),
                    child_allowance_from = table.Column<int>(type: "integer", nullable: true),
                    child_allowance_until = table.Column<int>(type: "integer", nullable: true),
                    remarks = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_history", x => new { x.atena_number, x.history_number });
                });

            migrationBuilder.CreateTable(
                name: "resident_memos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    atena_number = table.Column<string>(type: "text", nullable: false),
                    memo_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    written_by = table.Column<string>(type: "text", nullable: false),
                    written_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_memos", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resident_search_terms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_search_terms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "residents",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    latest_history_number = table.Column<int>(type: "integer", nullable: false),
                    household_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    member_order = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    birth_key = table.Column<int>(type: "integer", nullable: false),
                    name_kana_key = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_residents", x => x.atena_number);
                });

            migrationBuilder.CreateTable(
                name: "search_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    query = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "terminals",
                columns: table => new
                {
                    terminal_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    place = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_terminals", x => x.terminal_id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    roles = table.Column<string>(type: "text", nullable: false),
                    can_view_individual_number = table.Column<bool>(type: "boolean", nullable: false),
                    department = table.Column<string>(type: "text", nullable: false),
                    failed_login_count = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_id);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "id", "last_hash", "last_sequence" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_operator_id_at",
                table: "audit_log",
                columns: new[] { "operator_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_target_atena_number",
                table: "audit_log",
                column: "target_atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_resident_history_household_number",
                table: "resident_history",
                column: "household_number");

            migrationBuilder.CreateIndex(
                name: "ix_resident_memos_atena_number_memo_id_version",
                table: "resident_memos",
                columns: new[] { "atena_number", "memo_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resident_search_terms_atena_number_kind_key",
                table: "resident_search_terms",
                columns: new[] { "atena_number", "kind", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resident_search_terms_kind_key",
                table: "resident_search_terms",
                columns: new[] { "kind", "key" });

            migrationBuilder.CreateIndex(
                name: "ix_residents_birth_key",
                table: "residents",
                column: "birth_key");

            migrationBuilder.CreateIndex(
                name: "ix_residents_household_number_member_order",
                table: "residents",
                columns: new[] { "household_number", "member_order" });

            migrationBuilder.CreateIndex(
                name: "ix_residents_name_kana_key",
                table: "residents",
                column: "name_kana_key");

            migrationBuilder.CreateIndex(
                name: "ix_search_history_user_id_at",
                table: "search_history",
                columns: new[] { "user_id", "at" });

            foreach (var sql in AppendOnlyTriggers.Postgres("resident_history", "audit_log", "resident_memos"))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.PostgresDrop("resident_history", "audit_log", "resident_memos"))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "number_sequences");

            migrationBuilder.DropTable(
                name: "resident_history");

            migrationBuilder.DropTable(
                name: "resident_memos");

            migrationBuilder.DropTable(
                name: "resident_search_terms");

            migrationBuilder.DropTable(
                name: "residents");

            migrationBuilder.DropTable(
                name: "search_history");

            migrationBuilder.DropTable(
                name: "terminals");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
