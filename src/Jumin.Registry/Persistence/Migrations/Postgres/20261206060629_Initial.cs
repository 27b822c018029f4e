using System;
using Jumin.Storage;
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
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

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
                    operator_department = table.Column<string>(type: "text", nullable: true),
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
                name: "break_glass_grants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_break_glass_grants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulk_exports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: false),
                    medium = table.Column<string>(type: "text", nullable: false),
                    address_prefix = table.Column<string>(type: "text", nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "text", nullable: true),
                    executed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    row_count = table.Column<int>(type: "integer", nullable: true),
                    excluded_count = table.Column<int>(type: "integer", nullable: true),
                    file_sha256 = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_exports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "card_destination_sends",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "integer", nullable: false),
                    origin = table.Column<string>(type: "text", nullable: false),
                    delivery_name = table.Column<string>(type: "text", nullable: true),
                    delivery_address = table.Column<string>(type: "text", nullable: true),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_by = table.Column<string>(type: "text", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "text", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_destination_sends", x => x.id);
                });

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
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    destination = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    change_id = table.Column<long>(type: "bigint", nullable: false),
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "integer", nullable: false),
                    change_reason = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delivery_result = table.Column<string>(type: "text", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provisional_subjects",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    change_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisional_subjects", x => x.atena_number);
                });

            migrationBuilder.CreateTable(
                name: "resident_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    basis = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    request = table.Column<string>(type: "text", nullable: false),
                    read_set = table.Column<string>(type: "text", nullable: false),
                    acknowledged_alerts = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entered_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    entered_terminal = table.Column<string>(type: "text", nullable: false),
                    entered_place = table.Column<string>(type: "text", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancels_change = table.Column<long>(type: "bigint", nullable: true),
                    cancelled_by = table.Column<long>(type: "bigint", nullable: true),
                    head_notices = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_changes", x => x.id);
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
                    change_id = table.Column<long>(type: "bigint", nullable: true),
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
                    alias_deleted_on = table.Column<int>(type: "integer", nullable: true),
                    alias_deleted_by = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
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
                    former_alien_registration_date = table.Column<long>(type: "bigint", nullable: true),
                    residence_notified = table.Column<bool>(type: "boolean", nullable: false),
                    moved_in_with_landing_permit = table.Column<bool>(type: "boolean", nullable: false),
                    last_registered_address = table.Column<string>(type: "text", nullable: true),
                    is_adult_ward = table.Column<bool>(type: "boolean", nullable: false),
                    card_issuance_status = table.Column<string>(type: "text", nullable: true),
                    signature_certificate_serial = table.Column<string>(type: "text", nullable: true),
                    authentication_certificate_serial = table.Column<string>(type: "text", nullable: true),
                    remarks = table.Column<string>(type: "text", nullable: true),
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
                    child_allowance_until = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_history", x => new { x.atena_number, x.history_number });
                });

            migrationBuilder.CreateTable(
                name: "resident_locks",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    holder_name = table.Column<string>(type: "text", nullable: false),
                    terminal = table.Column<string>(type: "text", nullable: false),
                    acquired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_locks", x => x.atena_number);
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

            migrationBuilder.CreateTable(
                name: "terminals",
                columns: table => new
                {
                    terminal_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    place = table.Column<string>(type: "text", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    registered_by = table.Column<string>(type: "text", nullable: false),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    permissions = table.Column<string>(type: "text", nullable: false),
                    visible_items = table.Column<string>(type: "text", nullable: false),
                    department = table.Column<string>(type: "text", nullable: false),
                    failed_login_count = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    second_factor_secret = table.Column<byte[]>(type: "bytea", nullable: false),
                    second_factor_last_step = table.Column<long>(type: "bigint", nullable: false),
                    valid_from = table.Column<int>(type: "integer", nullable: true),
                    valid_until = table.Column<int>(type: "integer", nullable: true),
                    rights_version = table.Column<int>(type: "integer", nullable: false)
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
                name: "ix_break_glass_grants_user_id_ends_at",
                table: "break_glass_grants",
                columns: new[] { "user_id", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bulk_exports_requested_by",
                table: "bulk_exports",
                column: "requested_by");

            migrationBuilder.CreateIndex(
                name: "ix_card_destination_sends_atena_number",
                table: "card_destination_sends",
                column: "atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_card_destination_sends_sent_at_confirmed_at",
                table: "card_destination_sends",
                columns: new[] { "sent_at", "confirmed_at" });

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
                name: "ix_outbox_messages_destination_delivered_at",
                table: "outbox_messages",
                columns: new[] { "destination", "delivered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_destination_sequence",
                table: "outbox_messages",
                columns: new[] { "destination", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provisional_subjects_change_id",
                table: "provisional_subjects",
                column: "change_id");

            migrationBuilder.CreateIndex(
                name: "ix_resident_changes_status_id",
                table: "resident_changes",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_resident_history_change_id",
                table: "resident_history",
                column: "change_id");

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
                name: "ix_resident_search_terms_key",
                table: "resident_search_terms",
                column: "key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_resident_search_terms_kind_key_atena_number",
                table: "resident_search_terms",
                columns: new[] { "kind", "key", "atena_number" });

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
                name: "ix_restrictions_target_scope",
                table: "restrictions",
                columns: new[] { "target", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_account_changes_user_id_effective_on",
                table: "scheduled_account_changes",
                columns: new[] { "user_id", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_search_history_user_id_id",
                table: "search_history",
                columns: new[] { "user_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_approvals_atena_number",
                table: "support_approvals",
                column: "atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_support_measures_atena_number",
                table: "support_measures",
                column: "atena_number");

            // The 住民票 history, the audit log, 留意事項 and the 交付履歴 are appended to, never rewritten (j200, j300; the
            // seeds' 改ざん防止): a correction or a disposal is a row of its own.
            foreach (var sql in AppendOnlyTriggers.Postgres("resident_history", "audit_log", "resident_memos", "certificate_issues", "certificate_issue_subjects", "certificate_pages", "certificate_disposals"))
            {
                migrationBuilder.Sql(sql);
            }

            // Name keys are very unevenly spread (佐藤 vs. rare names); a finer histogram lets the planner
            // start from the smaller side when a name prefix is combined with a birth date.
            migrationBuilder.Sql("ALTER TABLE resident_search_terms ALTER COLUMN key SET STATISTICS 1000;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.PostgresDrop("resident_history", "audit_log", "resident_memos", "certificate_issues", "certificate_issue_subjects", "certificate_pages", "certificate_disposals"))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "break_glass_grants");

            migrationBuilder.DropTable(
                name: "bulk_exports");

            migrationBuilder.DropTable(
                name: "card_destination_sends");

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
                name: "number_sequences");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "provisional_subjects");

            migrationBuilder.DropTable(
                name: "resident_changes");

            migrationBuilder.DropTable(
                name: "resident_history");

            migrationBuilder.DropTable(
                name: "resident_locks");

            migrationBuilder.DropTable(
                name: "resident_memos");

            migrationBuilder.DropTable(
                name: "resident_search_terms");

            migrationBuilder.DropTable(
                name: "residents");

            migrationBuilder.DropTable(
                name: "restrictions");

            migrationBuilder.DropTable(
                name: "scheduled_account_changes");

            migrationBuilder.DropTable(
                name: "search_history");

            migrationBuilder.DropTable(
                name: "support_approvals");

            migrationBuilder.DropTable(
                name: "support_measures");

            migrationBuilder.DropTable(
                name: "terminals");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
