import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AccountsService } from './accounts.service';
import { CompanyDto, OnboardingStatusDto, OnboardingUpdatedDto, UpdateOnboardingDto } from './dto/company.dto';

/** The caller's company and its onboarding. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class CompanyController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('company')
  @Authenticated()
  @ApiOperation({ summary: "The current user's company" })
  @ApiOkResponse({ type: CompanyDto })
  @ApiErrors(401)
  company(@CurrentAuth() auth: AuthContext): Promise<CompanyDto> {
    return this.accounts.company(auth);
  }

  @Get('onboarding/status')
  @Authenticated()
  @ApiOperation({ summary: 'What the company still needs before it is set up' })
  @ApiOkResponse({ type: OnboardingStatusDto })
  @ApiErrors(401)
  onboardingStatus(@CurrentAuth() auth: AuthContext): Promise<OnboardingStatusDto> {
    return this.accounts.onboardingStatus(auth);
  }

  @Patch('onboarding')
  @RequirePermission('settings.manage')
  @ApiOperation({ summary: 'Fill in company information (email and country required while empty)' })
  @ApiOkResponse({ type: OnboardingUpdatedDto })
  @ApiErrors(400, 401)
  updateOnboarding(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateOnboardingDto): Promise<OnboardingUpdatedDto> {
    return this.accounts.updateOnboarding(auth, dto);
  }
}
